package io.drvguard.adapters.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 point 6: duplicate keys in JSON are errors as they are in YAML (Commons Configuration
 * kept the last one silently), and a document that is a list or a single value is reported at its
 * position instead of as a Java class-cast message.
 */
class DocumentShapeTest {
  @TempDir Path dir;

  private InputException fails(String kind, String name, String text) throws Exception {
    Path p = Files.writeString(dir.resolve(name), text);
    InputException e = assertThrows(InputException.class, () -> TreeLoader.load(kind, p));
    assertEquals(p.toString(), e.file());
    assertTrue(!e.getMessage().contains("java.") && !e.getMessage().contains("cast"), e.getMessage());
    return e;
  }

  @Test
  void duplicateKeysInJsonAreErrorsAtTheSecondKey() throws Exception {
    InputException e = fails("manifest", "drvguard.json",
        "{\n  \"driver\": {\"name\": \"a\", \"role\": \"legacy\"},\n  \"driver\": {\"name\": \"b\", \"role\": \"legacy\"}\n}\n");
    assertEquals("manifest_duplicate_key", e.code(), e.getMessage());
    assertEquals(3, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("duplicate key `driver`"), e.getMessage());
    InputException nested = fails("config", "c.json", "{\"policy\": {\"target\": \"win7\", \"target\": \"win10\"}}");
    assertEquals("config_duplicate_key", nested.code(), nested.getMessage());
    assertEquals(1, nested.line());
  }

  @Test
  void aDocumentThatIsNotAMappingIsReportedAtItsPosition() throws Exception {
    String[][] cases = {
        {"drvguard.yaml", "- a\n- b\n", "a list"},
        {"drvguard.yml", "hello\n", "a single value"},
        {"drvguard.json", "[1, 2]", "a list"},
        {"drvguard2.json", "\"text\"", "a single value"},
    };
    for (String[] c : cases) {
      InputException e = fails("manifest", c[0], c[1]);
      assertEquals("manifest_not_a_mapping", e.code(), c[0] + ": " + e.getMessage());
      assertEquals(1, e.line(), c[0]);
      assertEquals(1, e.column(), c[0]);
      assertTrue(e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
    }
  }

  @Test
  void wellFormedJsonStillLoads() throws Exception {
    Path p = Files.writeString(dir.resolve("ok.json"), "{\"driver\": {\"name\": \"a\", \"role\": \"legacy\"}}");
    assertEquals("a", TreeLoader.load("manifest", p).child("driver").string("name", true));
  }

  /** A null key made every reader fail with a NullPointerException (found by fuzzing, issue 12). */
  @Test
  void aNullKeyIsAnErrorAtItsPosition() throws Exception {
    for (String text : new String[] {"severity:\n  ~: error\n", "severity:\n  &a : error\n", "null: 1\n"}) {
      InputException e = fails("config", "c.yaml", text);
      assertEquals("config_null_key", e.code(), text + ": " + e.getMessage());
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
    }
  }
}
