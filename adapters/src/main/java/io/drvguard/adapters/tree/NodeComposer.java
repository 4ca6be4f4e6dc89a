package io.drvguard.adapters.tree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes one node at a time out of a document that is walked event by event, so a long
 * sequence never exists as a whole. SnakeYAML's composer only composes whole documents (and keeps
 * its anchors to itself), so this one remembers every anchor it composes: an alias standing for a
 * whole item still resolves.
 */
final class NodeComposer extends Composer {
  private final Map<String, Node> anchors = new HashMap<>();

  NodeComposer(Parser parser, LoaderOptions options) {
    super(parser, new Resolver(), options);
  }

  Parser events() {
    return parser;
  }

  /** Composes the node whose first event is next. */
  Node compose() {
    if (parser.checkEvent(Event.ID.Alias)) {
      AliasEvent alias = (AliasEvent) parser.getEvent();
      Node node = anchors.get(alias.getAnchor());
      if (node == null) {
        throw new Problem(null, null, "found undefined alias " + alias.getAnchor(), alias.getStartMark());
      }
      return node;
    }
    String anchor = ((NodeEvent) parser.peekEvent()).getAnchor();
    if (parser.checkEvent(Event.ID.Scalar)) {
      return composeScalarNode(anchor, List.of());
    }
    if (parser.checkEvent(Event.ID.SequenceStart)) {
      return composeSequenceNode(anchor);
    }
    return composeMappingNode(anchor);
  }

  /** Consumes the next event, which must be of kind {@code id} (the document's frame). */
  Event expect(Event.ID id) {
    Event e = parser.getEvent();
    if (!e.is(id)) {
      throw new Problem(null, null, "expected " + id + " but found " + e.getEventId(), e.getStartMark());
    }
    return e;
  }

  @Override
  protected Node composeScalarNode(String anchor, List<CommentLine> comments) {
    return remember(anchor, super.composeScalarNode(anchor, comments));
  }

  @Override
  protected Node composeSequenceNode(String anchor) {
    return remember(anchor, super.composeSequenceNode(anchor));
  }

  @Override
  protected Node composeMappingNode(String anchor) {
    return remember(anchor, super.composeMappingNode(anchor));
  }

  private Node remember(String anchor, Node node) {
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  /** A document that does not have the expected shape, at the position that shows it. */
  static final class Problem extends MarkedYAMLException {
    private static final long serialVersionUID = 1L;

    Problem(String context, Mark contextMark, String problem, Mark problemMark) {
      super(context, contextMark, problem, problemMark);
    }
  }
}
