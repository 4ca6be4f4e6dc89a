package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Line and column of every key path in a YAML document ({@code deviceObjects[0].sddl}).
 * Commons Configuration keeps values but not positions, so the document is also composed (not
 * constructed: no objects are built) with SnakeYAML to point messages at the right line. Syntax
 * errors and duplicate keys are reported here, with their position.
 */
final class YamlPositions implements Positions {

  private final Map<String, Position> byPath;
  private final Map<String, List<String>> keysByPath;

  private YamlPositions(Map<String, Position> byPath, Map<String, List<String>> keysByPath) {
    this.byPath = byPath;
    this.keysByPath = keysByPath;
  }

  /**
   * The keys written in the mapping at {@code path}. Commons Configuration drops keys whose value
   * is an empty list, so key validation needs these as well.
   */
  @Override
  public List<String> keysAt(String path) {
    return keysByPath.getOrDefault(path, List.of());
  }

  static YamlPositions of(String kind, String file, String text) throws InputException {
    Node root;
    try {
      root = new Yaml(options()).compose(new java.io.StringReader(text));
    } catch (YAMLException e) {
      throw syntaxError(file, e);
    }
    if (root != null && !(root instanceof MappingNode)) {
      throw notAMapping(kind, file, root);
    }
    return root == null ? new YamlPositions(new HashMap<>(), new HashMap<>()) : of(kind, file, root, "");
  }

  /** A document whose root is a list or a scalar: every drvguard document is a mapping of keys. */
  static InputException notAMapping(String kind, String file, Node root) {
    Mark m = root.getStartMark();
    String found = root instanceof SequenceNode ? "a list" : "a single value";
    return new InputException(file, m.getLine() + 1, m.getColumn() + 1, kind + "_not_a_mapping",
        "the document must be a mapping of keys to values, but it is " + found);
  }

  /**
   * The positions of the key paths under {@code node}, which sits at {@code path} of its document
   * ({@code steps[3]}): a piece of a document composed on its own.
   */
  static YamlPositions of(String kind, String file, Node node, String path) throws InputException {
    Map<String, Position> map = new HashMap<>();
    Map<String, List<String>> keys = new HashMap<>();
    if (!path.isEmpty()) {
      Mark m = node.getStartMark();
      map.put(path, new Position(m.getLine() + 1, m.getColumn() + 1));
    }
    walk(kind, file, node, path, map, keys);
    return new YamlPositions(map, keys);
  }

  /** The loader options of every YAML input: no recursive keys, few aliases (billion laughs). */
  static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    return options;
  }

  /** A SnakeYAML failure as {@code yaml_syntax_error} at the position it gives. */
  static InputException syntaxError(String file, YAMLException e) {
    if (e instanceof MarkedYAMLException me) {
      Mark m = me.getProblemMark() != null ? me.getProblemMark() : me.getContextMark();
      String what = me.getProblem() != null ? me.getProblem() : me.getMessage();
      if (me.getContext() != null) {
        what = me.getContext() + ": " + what;
      }
      return new InputException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
          "yaml_syntax_error", oneLine(what));
    }
    return new InputException(file, "yaml_syntax_error", oneLine(e.getMessage()));
  }

  @Override
  public Position at(String path) {
    String p = path;
    while (true) {
      Position pos = byPath.get(p);
      if (pos != null) {
        return pos;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return Position.UNKNOWN;
      }
      p = p.substring(0, cut);
    }
  }

  private static void walk(
      String kind, String file, Node node, String path, Map<String, Position> out, Map<String, List<String>> keys)
      throws InputException {
    walk(kind, file, node, path, out, keys, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  /**
   * {@code onTheWay}: the nodes from the root down to {@code node}. An alias can make a node its own
   * descendant ({@code a: &x {b: *x}}, or a merge key {@code <<: *x} inside {@code &x}); such a
   * document has no end, so it is refused where the cycle closes (found by fuzzing, issue 12).
   */
  private static void walk(String kind, String file, Node node, String path, Map<String, Position> out,
      Map<String, List<String>> keys, Set<Node> onTheWay) throws InputException {
    if ((node instanceof MappingNode || node instanceof SequenceNode) && !onTheWay.add(node)) {
      Mark m = node.getStartMark();
      throw new InputException(file, m.getLine() + 1, m.getColumn() + 1, kind + "_recursive_alias",
          "`" + path + "` refers to a mapping or list that contains it (a recursive alias)");
    }
    try {
      walkChildren(kind, file, node, path, out, keys, onTheWay);
    } finally {
      onTheWay.remove(node);
    }
  }

  private static void walkChildren(String kind, String file, Node node, String path, Map<String, Position> out,
      Map<String, List<String>> keys, Set<Node> onTheWay) throws InputException {
    if (node instanceof MappingNode mapping) {
      Set<String> seen = new LinkedHashSet<>();
      for (NodeTuple t : mapping.getValue()) {
        Node keyNode = t.getKeyNode();
        String key = keyNode instanceof ScalarNode s ? s.getValue() : "?";
        String child = path.isEmpty() ? key : path + "." + key;
        Mark m = keyNode.getStartMark();
        // a null key (`~:`, `null:`, an empty key such as `&a:`) becomes a nameless node every
        // reader would trip over (found by fuzzing the configuration loader); refuse it where it is
        if (keyNode instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
          throw new InputException(file, m.getLine() + 1, m.getColumn() + 1, kind + "_null_key",
              "empty or null key " + (path.isEmpty() ? "at the top level" : "in `" + path + "`")
                  + "; quote it if it is meant as text");
        }
        if (!seen.add(key)) {
          throw new InputException(file, m.getLine() + 1, m.getColumn() + 1, kind + "_duplicate_key",
              "duplicate key `" + child + "`");
        }
        out.put(child, new Position(m.getLine() + 1, m.getColumn() + 1));
        walk(kind, file, t.getValueNode(), child, out, keys, onTheWay);
      }
      keys.put(path, new ArrayList<>(seen));
    } else if (node instanceof SequenceNode seq) {
      int i = 0;
      for (Node item : seq.getValue()) {
        String child = path + "[" + i++ + "]";
        Mark m = item.getStartMark();
        out.put(child, new Position(m.getLine() + 1, m.getColumn() + 1));
        walk(kind, file, item, child, out, keys, onTheWay);
      }
    }
  }

  private static String oneLine(String s) {
    return s == null ? "malformed YAML" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
