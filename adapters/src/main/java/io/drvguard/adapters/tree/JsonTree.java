package io.drvguard.adapters.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.drvguard.adapters.InputException;
import java.io.IOException;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Reads a JSON document into the node tree Commons Configuration's {@code JSONConfiguration} gives
 * for it, in one streaming pass that also checks what JSON documents must be here, with the
 * position of the first problem: well-formed, a mapping at the root, and no key twice in one
 * object (Commons Configuration keeps the last of two equal keys, so a manifest saying
 * {@code "driver"} twice was read as the second one, silently; YAML documents refuse duplicates
 * when they are composed).
 *
 * <p>The tree has {@code JSONConfiguration}'s shape: a key of an object is a child node of that
 * name; a list is one node of the key's name per item (nested lists flattened, an empty list no
 * node); a scalar is a node's value as Jackson reads untyped values (String, Boolean, null,
 * Integer/Long/BigInteger by size, Double). {@code JsonTreeTest} compares the two on every JSON
 * document of the project. Not going through {@code JSONConfiguration} matters for stream events:
 * it builds an {@code ObjectMapper} and a configuration object for every document, which was a
 * quarter of the time of deciding an event (bench/README.md, "Streams throughput").
 */
final class JsonTree {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonTree() {}

  /** The root node (named "") of {@code text}, which names {@code file} in errors. */
  static ImmutableNode read(String kind, String file, String text) throws InputException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InputException(file, 1, 1, "json_syntax_error", "No content to map due to end-of-input");
      }
      if (first != JsonToken.START_OBJECT) {
        JsonLocation at = p.currentTokenLocation();
        throw new InputException(file, at.getLineNr(), at.getColumnNr(), kind + "_not_a_mapping",
            "the document must be a mapping of keys to values, but it is "
                + (first == JsonToken.START_ARRAY ? "a list" : "a single value"));
      }
      ImmutableNode.Builder root = new ImmutableNode.Builder().name("");
      readObject(p, root);
      while (p.nextToken() != null) {
        // what follows the document is read too: a syntax error there is still an error
      }
      return root.create();
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      String m = e.getOriginalMessage();
      boolean duplicate = m != null && m.startsWith("Duplicate field");
      String detail = duplicate
          ? "duplicate key " + m.substring("Duplicate field ".length()).replace('\'', '`')
          : m == null ? "not valid JSON" : m.replaceAll("\\s*\\R\\s*", " ");
      throw new InputException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
          duplicate ? kind + "_duplicate_key" : "json_syntax_error", detail);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InputException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
          "json_syntax_error", e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
    } catch (IOException e) {
      throw new InputException(file, kind + "_unreadable", e.getMessage());
    }
  }

  /** The fields of the object whose START_OBJECT {@code p} is at, as children of {@code into}. */
  private static void readObject(JsonParser p, ImmutableNode.Builder into) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      add(p, name, p.nextToken(), into);
    }
  }

  /** The value at {@code token} under key {@code name}: one node, or one per item of a list. */
  private static void add(JsonParser p, String name, JsonToken token, ImmutableNode.Builder into) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        ImmutableNode.Builder child = new ImmutableNode.Builder().name(name);
        readObject(p, child);
        into.addChild(child.create());
      }
      case START_ARRAY -> {
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
          add(p, name, item, into);
        }
      }
      default -> into.addChild(new ImmutableNode.Builder().name(name).value(scalar(p, token)).create());
    }
  }

  private static Object scalar(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new JsonParseException(p, "unexpected " + token);
    };
  }
}
