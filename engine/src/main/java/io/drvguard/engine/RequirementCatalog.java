package io.drvguard.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The requirement IDs of REQUIREMENTS.md as the rules module bundles them. */
public final class RequirementCatalog {
  /** One requirement: ID, kind (V, D, D/V, M, M/V), default severity ({@code -} for none) and title. */
  public record Requirement(String id, String kind, String defaultSeverity, String title) {}

  private static final String RESOURCE = "drvguard/requirements.tsv";
  private static final RequirementCatalog BUNDLED = load();

  private final Map<String, Requirement> byId;

  private RequirementCatalog(Map<String, Requirement> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  public static RequirementCatalog bundled() {
    return BUNDLED;
  }

  public Optional<Requirement> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  public Map<String, Requirement> all() {
    return byId;
  }

  /**
   * This catalog plus the requirements an author declares in {@code file} (same tab-separated
   * format as the bundled {@code requirements.tsv}: id, kind, default severity, title).
   */
  public RequirementCatalog extendedWith(Path file) throws RuleBaseException {
    Map<String, Requirement> map = new LinkedHashMap<>(byId);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuleBaseException(List.of(new RuleBaseException.Problem(file.toString(), 0, 0, "rules_unreadable",
          "cannot read: " + e.getMessage())));
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", 4);
      if (f.length < 4 || f[0].isBlank()) {
        throw new RuleBaseException(List.of(new RuleBaseException.Problem(file.toString(), i + 1, 0,
            "requirements_malformed", "expected 4 tab-separated fields: id, kind, default severity, title")));
      }
      String problem = columnProblem(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), byId);
      if (problem != null) {
        throw new RuleBaseException(List.of(new RuleBaseException.Problem(file.toString(), i + 1, 0,
            "requirements_malformed", problem)));
      }
      map.put(f[0].trim(), new Requirement(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim()));
    }
    return new RequirementCatalog(map);
  }

  /** Kinds of REQUIREMENTS.md: V a violation check, D a runtime decision, M a model, and both. */
  static final java.util.Set<String> KINDS = java.util.Set.of("V", "D", "M", "D/V", "M/V");
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]+");

  /**
   * What is wrong with an author's requirement row, or null: the id looks like the catalog's
   * ({@code ACME-1}) and is not a bundled one, the kind is one of {@link #KINDS}, the default severity
   * is error, warning or info for a kind that reports findings ({@code -} for D and M), the title is
   * present.
   */
  static String columnProblem(String id, String kind, String severity, String title, Map<String, Requirement> bundled) {
    if (!ID.matcher(id).matches()) {
      return "id `" + id + "` is not a requirement id such as ACME-1 (capital letters, a dash, a number)";
    }
    if (bundled.containsKey(id)) {
      return "id `" + id + "` is a bundled requirement; declare requirements of your own";
    }
    if (!KINDS.contains(kind)) {
      return "kind `" + kind + "` of `" + id + "` is not one of V (violation), D (decision), M (model), D/V, M/V";
    }
    boolean reports = kind.contains("V");
    if (reports && !severity.matches("error|warning|info")) {
      return "default severity `" + severity + "` of `" + id + "` (kind " + kind + ") is not error, warning or info";
    }
    if (!reports && !severity.equals("-")) {
      return "default severity of `" + id + "` (kind " + kind + ", which reports no finding) must be `-`, not `"
          + severity + "`";
    }
    if (title.isBlank()) {
      return "`" + id + "` has no title";
    }
    return null;
  }

  private static RequirementCatalog load() {
    Map<String, Requirement> map = new LinkedHashMap<>();
    try (InputStream in = RequirementCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource `" + RESOURCE + "` is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 4);
        map.put(f[0], new Requirement(f[0], f[1], f[2], f[3]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RequirementCatalog(map);
  }
}
