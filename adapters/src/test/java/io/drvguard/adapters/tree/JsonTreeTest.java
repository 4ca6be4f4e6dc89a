package io.drvguard.adapters.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.configuration2.JSONConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonTree} gives the node tree {@code JSONConfiguration} gives, which every reader of a
 * JSON manifest, configuration or stream event was written against: names, child order, values
 * and their Java types, on every JSON document of the project and on documents made to reach each
 * shape (nested and empty lists, lists of objects, null, numbers of each size, floats).
 */
class JsonTreeTest {
  private static final List<String> SHAPES = List.of(
      "{}",
      "{\"a\": {}}",
      "{\"a\": []}",
      "{\"a\": [1, [2, 3], [], [[4]]]}",
      "{\"a\": [{\"b\": 1}, {}, {\"b\": [true, false]}], \"c\": null}",
      "{\"n\": [0, -1, 2147483647, 2147483648, -9223372036854775808, 9223372036854775808, 123456789012345678901234567890]}",
      "{\"f\": [1.5, -0.0, 1e3, 1E-7, 12345678901234567890.5]}",
      "{\"s\": \"caf\\u00e9 \\\"quoted\\\" \\n line\", \"empty\": \"\", \"k.with.dots\": \"x\", \"\": 1}",
      "{\"deep\": {\"er\": {\"est\": [{\"x\": {\"y\": [\"z\"]}}]}}} ",
      "{\"machine\":\"ws-0001\",\"package\":\"contoso-hub\",\"principal\":{\"user\":\"S-1-5-21-1-2-3-1001\","
          + "\"groups\":[\"S-1-1-0\",\"S-1-5-11\"],\"privileges\":[]},\"step\":{\"ioctl\":{\"handle\":\"h1\",\"code\":\"0x222004\"}}}");

  @Test
  void madeShapesReadAsJsonConfigurationReadsThem() throws Exception {
    for (String doc : SHAPES) {
      assertSame(doc, expected(doc), JsonTree.read("manifest", "m.json", doc));
    }
  }

  @Test
  void everyJsonDocumentOfTheProjectReadsAsJsonConfigurationReadsIt() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> docs = new ArrayList<>();
    for (String dir : List.of("regression", "docs", "examples", "cli/src/test")) {
      if (Files.isDirectory(root.resolve(dir))) {
        try (Stream<Path> s = Files.walk(root.resolve(dir))) {
          s.filter(p -> p.toString().endsWith(".json")).forEach(docs::add);
        }
      }
    }
    assertTrue(docs.size() > 100, "found only " + docs);
    int mappings = 0;
    for (Path p : docs) {
      String text = Files.readString(p);
      if (!text.strip().startsWith("{")) {
        continue;
      }
      mappings++;
      assertSame(p.toString(), expected(text), JsonTree.read("manifest", p.toString(), text));
    }
    assertTrue(mappings > 100, "compared only " + mappings);
  }

  @Test
  void aTreeThatDiffersIsSeen() throws Exception {
    // the comparison itself can fail: a value of another type, another order, a missing child
    assertThrows(AssertionError.class, () -> assertSame("int vs long", expected("{\"a\": 1}"),
        JsonTree.read("m", "m.json", "{\"a\": 1.0}")));
    assertThrows(AssertionError.class, () -> assertSame("order", expected("{\"a\": 1, \"b\": 2}"),
        JsonTree.read("m", "m.json", "{\"b\": 2, \"a\": 1}")));
    assertThrows(AssertionError.class, () -> assertSame("list", expected("{\"a\": [1, 2]}"),
        JsonTree.read("m", "m.json", "{\"a\": [1]}")));
  }

  @Test
  void errorsNameTheirPlace() {
    InputException dup = assertThrows(InputException.class,
        () -> JsonTree.read("event", "t/0@5", "{\"a\": 1,\n \"a\": 2}"));
    assertEquals("event_duplicate_key", dup.code());
    assertEquals(2, dup.line());
    InputException list = assertThrows(InputException.class, () -> JsonTree.read("event", "t/0@5", " [1]"));
    assertEquals("event_not_a_mapping", list.code());
    assertEquals(2, list.column());
    InputException syntax = assertThrows(InputException.class, () -> JsonTree.read("event", "t/0@5", "{\"a\": }"));
    assertEquals("json_syntax_error", syntax.code());
    assertEquals(7, syntax.column());
    InputException trailing = assertThrows(InputException.class, () -> JsonTree.read("event", "t/0@5", "{} x"));
    assertEquals("json_syntax_error", trailing.code());
    InputException empty = assertThrows(InputException.class, () -> JsonTree.read("event", "t/0@5", "  "));
    assertEquals("json_syntax_error", empty.code());
    assertEquals("t/0@5", empty.file());
  }

  private static ImmutableNode expected(String text) throws Exception {
    JSONConfiguration c = new JSONConfiguration();
    c.read(new StringReader(text));
    return c.getNodeModel().getNodeHandler().getRootNode();
  }

  private static void assertSame(String where, ImmutableNode want, ImmutableNode got) {
    String at = where.length() > 80 ? where.substring(0, 80) + "…" : where;
    assertEquals(want.getNodeName(), got.getNodeName(), at);
    Object w = want.getValue();
    Object g = got.getValue();
    assertEquals(w == null ? null : w.getClass(), g == null ? null : g.getClass(), at + " " + want.getNodeName());
    assertEquals(w, g, at + " " + want.getNodeName());
    assertEquals(want.getChildren().size(), got.getChildren().size(), at + " children of " + want.getNodeName());
    for (int i = 0; i < want.getChildren().size(); i++) {
      assertSame(where, want.getChildren().get(i), got.getChildren().get(i));
    }
    assertEquals(want.getAttributes(), got.getAttributes(), at);
  }

}
