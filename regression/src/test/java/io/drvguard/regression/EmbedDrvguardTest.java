package io.drvguard.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    // the severity override is applied: IOCTL-3's query finding is a warning by default
    assertTrue(out.lines().filter(l -> l.contains("[IOCTL-3]")).allMatch(l -> l.contains(": error: [IOCTL-3]")), out);
    assertTrue(out.lines().anyMatch(l -> l.contains("[IOCTL-3]")), out);
    assertFalse(out.contains("unreadable: "), out);
    assertTrue(out.contains("open: allow STATUS_SUCCESS [NS-8 NamespaceOpenUnchecked]"), out);
    assertTrue(out.contains("  hole: [NS-8] toastbus-vulnerable"), out);
    assertTrue(out.contains("ioctl: allow STATUS_SUCCESS [IOCTL-2 "), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("s1: allow STATUS_SUCCESS [NS-1 ")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("s5: deny STATUS_ACCESS_DENIED [NS-1 ")), out);
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
