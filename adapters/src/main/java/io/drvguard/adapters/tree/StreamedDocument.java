package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML document whose root mapping holds one sequence too long to keep in memory (a scenario's
 * {@code steps}), read as {@link Section}s like {@link TreeLoader} reads a whole document, with the
 * same values, key paths, lines and error messages, but one item at a time.
 *
 * <p>The file is read twice. The first pass checks the whole document (syntax, duplicate keys,
 * encoding), so such errors are still reported before anything else, and keeps every other key
 * of the root, wherever it stands (the sequence may come before the keys its items refer to). The
 * second pass, {@link #items()}, composes one item at a time. Only the current item is held.
 *
 * <p>Anything else is read whole through {@link TreeLoader}, with the items taken from its tree:
 * JSON, properties and XML files, an empty document, a root that is not a mapping, and a value of
 * the long key that is not a sequence. Their errors stay exactly those of {@link TreeLoader}.
 */
public final class StreamedDocument {
  private final String kind;
  private final Path path;
  private final String itemsKey;
  private final Section header;
  /** False when {@link #header} was read whole and holds the items itself. */
  private final boolean streamed;

  private StreamedDocument(String kind, Path path, String itemsKey, Section header, boolean streamed) {
    this.kind = kind;
    this.path = path;
    this.itemsKey = itemsKey;
    this.header = header;
    this.streamed = streamed;
  }

  /**
   * Reads {@code path} once through (first pass).
   *
   * @param kind the kind of document, the prefix of error codes
   * @param itemsKey the root key whose sequence is read item by item
   */
  public static StreamedDocument open(String kind, Path path, String itemsKey) throws InputException {
    String lower = path.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json") || lower.endsWith(".properties") || lower.endsWith(".xml")) {
      return whole(kind, path, itemsKey);
    }
    String file = path.toString();
    InputLimits.checkSize(kind, path, InputLimits.STREAMED_BYTES);
    try (Reader reader = open(kind, path)) {
      NodeComposer c = composer(reader);
      c.expect(Event.ID.StreamStart);
      if (c.events().checkEvent(Event.ID.StreamEnd)) {
        return whole(kind, path, itemsKey);
      }
      c.expect(Event.ID.DocumentStart);
      if (!c.events().checkEvent(Event.ID.MappingStart)) {
        return whole(kind, path, itemsKey);
      }
      MappingStartEvent start = (MappingStartEvent) c.events().getEvent();
      List<NodeTuple> keys = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      boolean streamed = false;
      while (!c.events().checkEvent(Event.ID.MappingEnd)) {
        Node key = c.compose();
        String name = key instanceof ScalarNode s ? s.getValue() : "?";
        if (!seen.add(name)) {
          Mark m = key.getStartMark();
          throw new InputException(file, m.getLine() + 1, m.getColumn() + 1, kind + "_duplicate_key",
              "duplicate key `" + name + "`");
        }
        if (name.equals(itemsKey) && c.events().checkEvent(Event.ID.SequenceStart)) {
          SequenceStartEvent seq = (SequenceStartEvent) c.events().getEvent();
          int i = 0;
          while (!c.events().checkEvent(Event.ID.SequenceEnd)) {
            // composed only to be checked, as the whole-document reader checks every item
            YamlPositions.of(kind, file, c.compose(), name + "[" + i++ + "]");
          }
          Event end = c.events().getEvent();
          // an empty list keeps the key's place (Commons Configuration drops the key itself)
          keys.add(new NodeTuple(key, new SequenceNode(Tag.SEQ, true, List.of(), seq.getStartMark(), end.getEndMark(),
              seq.getFlowStyle())));
          streamed = true;
        } else {
          Node value = c.compose();
          YamlPositions.of(kind, file, value, name);
          keys.add(new NodeTuple(key, value));
        }
      }
      Event end = c.events().getEvent();
      c.expect(Event.ID.DocumentEnd);
      if (!c.events().checkEvent(Event.ID.StreamEnd)) {
        Event next = c.events().getEvent();
        throw new NodeComposer.Problem("expected a single document in the stream", start.getStartMark(),
            "but found another document", next.getStartMark());
      }
      MappingNode root = new MappingNode(Tag.MAP, true, keys, start.getStartMark(), end.getEndMark(), start.getFlowStyle());
      Positions positions = YamlPositions.of(kind, file, root, "");
      ImmutableNode tree = new NodeTrees(kind, file).tree(root);
      return new StreamedDocument(kind, path, itemsKey, new Section(kind, file, "", tree, positions), streamed);
    } catch (YAMLException e) {
      throw failure(kind, file, e);
    } catch (IOException e) {
      throw new InputException(file, "file_unreadable", "cannot read: " + e.getMessage());
    }
  }

  private static StreamedDocument whole(String kind, Path path, String itemsKey) throws InputException {
    return new StreamedDocument(kind, path, itemsKey, TreeLoader.load(kind, path), false);
  }

  /**
   * The root mapping without the items: every other key as written, and the items key itself
   * with an empty list (so it counts as written but holds nothing).
   */
  public Section header() {
    return header;
  }

  /** The items of the long key, in order, one at a time; a new pass over the file on each call. */
  public Items items() throws InputException {
    if (!streamed) {
      Iterator<Section> all = header.items(itemsKey).iterator();
      return new Items() {
        @Override
        public Section next() {
          return all.hasNext() ? all.next() : null;
        }

        @Override
        public void close() {}
      };
    }
    return new StreamedItems(kind, path, itemsKey);
  }

  /** Items read one at a time; {@link #close()} releases the file. */
  public interface Items extends AutoCloseable {
    /**
     * The next item that is a mapping, or null after the last. Empty items are skipped, as {@link
     * Section#items} skips them; any other value is an error naming the item.
     */
    Section next() throws InputException;

    @Override
    void close();
  }

  /** The second pass: positioned on the items, composes one per {@link #next()}. */
  private static final class StreamedItems implements Items {
    private final String kind;
    private final String file;
    private final String itemsKey;
    private final Reader reader;
    private final NodeComposer c;
    private final NodeTrees trees;
    private int index;
    private boolean done;

    StreamedItems(String kind, Path path, String itemsKey) throws InputException {
      this.kind = kind;
      this.file = path.toString();
      this.itemsKey = itemsKey;
      this.trees = new NodeTrees(kind, file);
      this.reader = open(kind, path);
      try {
        this.c = composer(reader);
        c.expect(Event.ID.StreamStart);
        c.expect(Event.ID.DocumentStart);
        c.expect(Event.ID.MappingStart);
        while (true) {
          if (c.events().checkEvent(Event.ID.MappingEnd)) {
            throw new NodeComposer.Problem(null, null, "`" + itemsKey + "` is gone: the file changed while it was read",
                c.events().peekEvent().getStartMark());
          }
          Node key = c.compose();
          if (key instanceof ScalarNode s && s.getValue().equals(itemsKey)
              && c.events().checkEvent(Event.ID.SequenceStart)) {
            c.events().getEvent();
            return;
          }
          c.compose(); // composed, not skipped: items may alias an anchor set here
        }
      } catch (YAMLException e) {
        close();
        throw failure(kind, file, e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    @Override
    public Section next() throws InputException {
      try {
        while (!done) {
          if (c.events().checkEvent(Event.ID.SequenceEnd)) {
            done = true;
            close();
            return null;
          }
          Node item = c.compose();
          String path = itemsKey + "[" + index++ + "]";
          if (item instanceof MappingNode m) {
            if (m.getValue().isEmpty()) {
              continue;
            }
            ImmutableNode tree = trees.tree(m);
            if (tree.getChildren().isEmpty()) {
              continue; // only empty lists, which the whole-file tree drops with the item
            }
            return new Section(kind, file, path, tree, YamlPositions.of(kind, file, m, path));
          }
          if (item instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            continue;
          }
          Mark at = item.getStartMark();
          String what = item instanceof ScalarNode ? "`" + trees.value(item) + "`" : "a list";
          throw new InputException(file, at.getLine() + 1, at.getColumn() + 1, kind + "_wrong_type",
              "`" + path + "` must be a mapping, not " + what);
        }
        return null;
      } catch (YAMLException e) {
        throw failure(kind, file, e);
      }
    }

    @Override
    public void close() {
      done = true;
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static NodeComposer composer(Reader reader) {
    LoaderOptions options = YamlPositions.options();
    // the limit guards services against huge documents; a local file is as long as its author made it
    options.setCodePointLimit(Integer.MAX_VALUE);
    return new NodeComposer(new ParserImpl(new StreamReader(reader), options), options);
  }

  /** UTF-8 that refuses malformed input, without a leading byte order mark (as {@link TreeLoader}). */
  private static Reader open(String kind, Path path) throws InputException {
    String file = path.toString();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
      r.mark(1);
      if (r.read() != '\uFEFF') {
        r.reset();
      }
      return new InputLimits.LineLimitReader(r);
    } catch (NoSuchFileException e) {
      throw new InputException(file, "file_not_found", "no such file");
    } catch (CharacterCodingException e) {
      throw new InputException(file, kind + "_encoding", "not valid UTF-8 text");
    } catch (IOException e) {
      throw new InputException(file, "file_unreadable", "cannot read: " + e.getMessage());
    }
  }

  private static InputException failure(String kind, String file, YAMLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputLimits.LineTooLong l) {
        return InputLimits.lineTooLong(kind, file, l.line);
      }
      if (t instanceof CharacterCodingException) {
        return new InputException(file, kind + "_encoding", "not valid UTF-8 text");
      }
    }
    return YamlPositions.syntaxError(file, e);
  }
}
