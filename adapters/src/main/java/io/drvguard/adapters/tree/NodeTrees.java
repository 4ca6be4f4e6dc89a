package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.util.Map;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Values of composed YAML nodes, and Commons Configuration node trees of composed mappings, built
 * the way {@link YAMLConfiguration} builds them from a whole file (same scalar types, same
 * handling of lists and empty values), so a piece of a document reads exactly as the whole would.
 */
final class NodeTrees {
  private final String kind;
  private final String file;
  /** Reused: building SnakeYAML's constructor tables costs more than constructing a small step. */
  private final Values values = new Values();

  NodeTrees(String kind, String file) {
    this.kind = kind;
    this.file = file;
  }

  /** SnakeYAML's own construction of plain data (strings, numbers, booleans, dates, lists, maps). */
  private static final class Values extends SafeConstructor {
    Values() {
      super(YamlPositions.options());
    }

    Object of(Node node) {
      return constructDocument(node);
    }
  }

  /** Exposes the protected map-to-tree step of Commons Configuration's YAML support. */
  private static final class Tree extends YAMLConfiguration {
    ImmutableNode of(Map<String, Object> map) {
      load(map);
      return getNodeModel().getNodeHandler().getRootNode();
    }
  }

  /** The value of {@code node} as plain Java data. */
  Object value(Node node) throws InputException {
    try {
      return values.of(node);
    } catch (RuntimeException e) {
      throw unreadable(node, e);
    }
  }

  /** The configuration node tree of {@code mapping}: its root's children are the mapping's keys. */
  @SuppressWarnings("unchecked")
  ImmutableNode tree(MappingNode mapping) throws InputException {
    Object value = value(mapping);
    try {
      return new Tree().of((Map<String, Object>) value);
    } catch (RuntimeException e) {
      // a key that is not a string (`1: x`), as the whole-file reader also refuses
      throw unreadable(mapping, e);
    }
  }

  private InputException unreadable(Node node, RuntimeException e) {
    Mark m = node.getStartMark();
    return new InputException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
        kind + "_unreadable", TreeLoader.rootMessage(e));
  }
}
