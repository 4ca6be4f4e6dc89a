package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import io.drvguard.facts.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * A mapping in a YAML, JSON, properties or XML input (manifest, configuration, scenario), read through Commons
 * Configuration's node tree, with typed accessors whose errors name the file, the key path and
 * (where the format gives one) the line. Error codes are prefixed with the kind of document.
 */
public final class Section {
  private final String file;
  private final String path;
  private final ImmutableNode node;
  private final Positions positions;

  private final String kind;

  Section(String kind, String file, String path, ImmutableNode node, Positions positions) {
    this.kind = kind;
    this.file = file;
    this.path = path;
    this.node = node;
    this.positions = positions;
  }

  /** The keys of this mapping, in the order written. */
  public List<String> keys() {
    List<String> out = new ArrayList<>(positions.keysAt(path));
    for (ImmutableNode child : node.getChildren()) {
      if (!out.contains(child.getNodeName())) {
        out.add(child.getNodeName());
      }
    }
    return out;
  }

  /** True when the mapping has no keys at all. */
  public boolean isEmpty() {
    return node.getChildren().isEmpty() && positions.keysAt(path).isEmpty();
  }

  public String path() {
    return path;
  }

  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public SourceLocation location() {
    Positions.Position p = positions.at(path);
    return new SourceLocation(file, p.line(), p.column());
  }

  public SourceLocation location(String key) {
    Positions.Position p = positions.at(keyPath(key));
    return new SourceLocation(file, p.line(), p.column());
  }

  public InputException error(String key, String code, String message) {
    Positions.Position p = positions.at(key == null ? path : keyPath(key));
    return new InputException(file, p.line(), p.column(), code, message);
  }

  /** Rejects keys outside {@code allowed}: a misspelt key must not be silently ignored. */
  public void allowOnly(Set<String> allowed) throws InputException {
    List<String> written = new ArrayList<>(positions.keysAt(path));
    for (ImmutableNode child : node.getChildren()) {
      written.add(child.getNodeName());
    }
    for (String key : written) {
      if (!allowed.contains(key)) {
        String hint = allowed.stream().filter(a -> closeTo(a, key)).findFirst()
            .map(a -> "; did you mean `" + a + "`?").orElse("; expected one of " + String.join(", ", new TreeSet<>(allowed)));
        throw error(key, kind + "_unknown_key", "unknown key `" + keyPath(key) + "`" + hint);
      }
    }
  }

  /** Case-insensitive edit distance of at most two: the usual typo. */
  public static boolean closeTo(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int sub = prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()] <= 2;
  }

  private List<ImmutableNode> named(String key) {
    List<ImmutableNode> out = new ArrayList<>();
    for (ImmutableNode child : node.getChildren()) {
      if (child.getNodeName().equals(key)) {
        out.add(child);
      }
    }
    return out;
  }

  public boolean has(String key) {
    List<ImmutableNode> n = named(key);
    return !n.isEmpty() && !(n.size() == 1 && n.get(0).getValue() == null && n.get(0).getChildren().isEmpty());
  }

  private Object scalar(String key, String expected) throws InputException {
    List<ImmutableNode> n = named(key);
    if (n.isEmpty()) {
      return null;
    }
    if (n.size() > 1 || !n.get(0).getChildren().isEmpty()) {
      throw error(key, kind + "_wrong_type", "`" + keyPath(key) + "` must be " + expected
          + ", not a " + (n.size() > 1 ? "list" : "mapping"));
    }
    return n.get(0).getValue();
  }

  public String string(String key, boolean required) throws InputException {
    Object v = scalar(key, "a string");
    if (v == null) {
      if (required) {
        throw error(null, kind + "_missing_key", "missing required key `" + keyPath(key) + "`");
      }
      return null;
    }
    if (v instanceof Boolean) {
      throw error(key, kind + "_wrong_type", "`" + keyPath(key) + "` must be a string, not the boolean `" + v + "`");
    }
    return v.toString();
  }

  public boolean bool(String key, boolean dflt) throws InputException {
    Object v = scalar(key, "a boolean");
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error(key, kind + "_wrong_type", "`" + keyPath(key) + "` must be true or false, not `" + v + "`");
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) throws InputException {
    String s = string(key, dflt == null);
    if (s == null) {
      return dflt;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String display = display(e);
      names.add(display);
      if (display.equalsIgnoreCase(s.trim())) {
        return e;
      }
    }
    throw error(key, kind + "_bad_value",
        "`" + keyPath(key) + "` is `" + s + "`; expected one of " + String.join(", ", names));
  }

  private static String display(Enum<?> e) {
    String n = e.name();
    // enums named after Windows routines keep their case; the rest are lowercase in manifests
    return n.equals(n.toUpperCase(Locale.ROOT)) ? n.toLowerCase(Locale.ROOT) : n;
  }

  /** The raw scalar of {@code key} (a String, Number or Boolean), or null. */
  public Object raw(String key) throws InputException {
    return scalar(key, "a single value");
  }

  /** A list of scalars; a single scalar counts as a one-element list. */
  public List<Object> scalars(String key) throws InputException {
    List<Object> out = new ArrayList<>();
    for (ImmutableNode n : named(key)) {
      if (!n.getChildren().isEmpty()) {
        throw error(key, kind + "_wrong_type", "`" + keyPath(key) + "` must be a list of values, not of mappings");
      }
      if (n.getValue() != null) {
        out.add(n.getValue());
      }
    }
    return out;
  }

  public List<String> strings(String key) throws InputException {
    List<String> out = new ArrayList<>();
    for (Object o : scalars(key)) {
      out.add(o.toString());
    }
    return out;
  }

  public Section child(String key) throws InputException {
    List<ImmutableNode> n = named(key);
    if (n.isEmpty() || (n.size() == 1 && n.get(0).getChildren().isEmpty() && n.get(0).getValue() == null)) {
      return null;
    }
    if (n.size() > 1 || n.get(0).getChildren().isEmpty()) {
      throw error(key, kind + "_wrong_type", "`" + keyPath(key) + "` must be a mapping");
    }
    return new Section(kind, file, keyPath(key), n.get(0), positions);
  }

  /** The entries of a list of mappings. */
  public List<Section> items(String key) throws InputException {
    List<Section> out = new ArrayList<>();
    int i = 0;
    for (ImmutableNode n : named(key)) {
      String itemPath = keyPath(key) + "[" + i++ + "]";
      if (n.getChildren().isEmpty()) {
        if (n.getValue() == null) {
          continue;
        }
        throw new InputException(file, positions.at(itemPath).line(), positions.at(itemPath).column(),
            kind + "_wrong_type", "`" + itemPath + "` must be a mapping, not `" + n.getValue() + "`");
      }
      out.add(new Section(kind, file, itemPath, n, positions));
    }
    return out;
  }
}
