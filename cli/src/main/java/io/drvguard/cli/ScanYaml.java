package io.drvguard.cli;

import java.util.List;
import java.util.Map;

/**
 * Renders scanned packages as manifest documents, one per package ({@code ---} between them), each
 * ready to save as {@code drvguard.yaml} beside its sources: the {@code at} of each element is a
 * comment, and what could not be resolved is listed in comments instead of being guessed.
 */
final class ScanYaml {
  private ScanYaml() {}

  static String render(List<Map<String, Object>> docs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        sb.append("---\n");
      }
      document(sb, docs.get(i));
    }
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static void document(StringBuilder sb, Map<String, Object> doc) {
    sb.append("# ").append(doc.get("root")).append(" (").append(doc.get("framework"))
        .append("): inferred by `drvguard scan` from the sources. Saved as drvguard.yaml beside them,\n")
        .append("# it overrides the inference key by key: keep only what you correct.\n");
    Map<String, Object> driver = (Map<String, Object>) doc.get("driver");
    sb.append("driver:");
    comment(sb, driver.get("at"));
    mapping(sb, driver, "  ");
    for (String list : List.of("deviceObjects", "ioctls", "kernelObjects")) {
      List<Object> items = (List<Object>) doc.get(list);
      if (items.isEmpty()) {
        continue;
      }
      sb.append(list).append(":\n");
      for (Object item : items) {
        Map<String, Object> m = (Map<String, Object>) item;
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
          if (e.getKey().equals("at")) {
            continue;
          }
          sb.append(first ? "  - " : "    ").append(e.getKey()).append(": ").append(scalar(e.getValue()));
          if (first) {
            comment(sb, m.get("at"));
          } else {
            sb.append('\n');
          }
          first = false;
        }
      }
    }
    List<Object> unresolved = (List<Object>) doc.get("unresolved");
    if (!unresolved.isEmpty()) {
      sb.append("# unresolved: not guessed; write these in the manifest where they matter\n");
      for (Object o : unresolved) {
        Map<String, Object> u = (Map<String, Object>) o;
        sb.append("#   ").append(u.get("at")).append(": ").append(u.get("what")).append(" = `")
            .append(u.get("expression")).append("`: ").append(String.valueOf(u.get("why")).replace('\n', ' '))
            .append('\n');
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void mapping(StringBuilder sb, Map<String, Object> m, String indent) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getKey().equals("at")) {
        continue;
      }
      if (e.getValue() instanceof Map<?, ?> child) {
        sb.append(indent).append(e.getKey()).append(":\n");
        mapping(sb, (Map<String, Object>) child, indent + "  ");
      } else if (e.getKey().equals("inf") && String.valueOf(e.getValue()).startsWith("../")) {
        // a manifest may name only an INF inside its directory: checking the sources reads this one
        sb.append(indent).append("# inf: ").append(scalar(e.getValue()))
            .append("   (outside this directory, so a manifest cannot name it; `check` on the sources reads it)\n");
      } else {
        sb.append(indent).append(e.getKey()).append(": ").append(scalar(e.getValue())).append('\n');
      }
    }
  }

  private static void comment(StringBuilder sb, Object at) {
    if (at != null) {
      sb.append("   # at: ").append(at);
    }
    sb.append('\n');
  }

  /** A YAML scalar or flow list; text other than plain names is single-quoted, so SDDL and paths stay literal. */
  static String scalar(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Number) {
      return v.toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(scalar(l.get(i)));
      }
      return sb.append(']').toString();
    }
    String s = v.toString();
    if (s.matches("[A-Za-z_][A-Za-z0-9_]*") && !s.matches("(?i)true|false|null|yes|no|on|off|y|n|~")) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }
}
