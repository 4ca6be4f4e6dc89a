package io.drvguard.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's library example is this module's {@link EmbedDrvguard}, compiled and run here. */
class EmbedDrvguardTest {
  static final Path ROOT = Path.of("..");

  @Test
  void theExampleRunsOnTheBundledExamples() throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      EmbedDrvguard.main(new String[] {ROOT.resolve("examples").toString()});
    } finally {
      System.setOut(saved);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("error: [OBJ-1] raw-mode PDO `pdo0`"), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("s1: ")), out);
  }

  @Test
  void theReadmeShowsThisExampleVerbatim() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String source = Files.readString(Path.of("src/test/java/io/drvguard/regression/EmbedDrvguard.java"));
    String body = source.substring(source.indexOf("public class EmbedDrvguard"));
    int start = readme.indexOf("public class EmbedDrvguard");
    assertTrue(start > 0, "README.md has no library example");
    int end = readme.indexOf("```", start);
    assertEquals(body.strip(), readme.substring(start, end).strip(), "README example and EmbedDrvguard.java differ");
  }
}
