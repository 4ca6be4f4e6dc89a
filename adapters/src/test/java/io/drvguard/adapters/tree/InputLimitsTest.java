package io.drvguard.adapters.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.ScenarioReader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 point 7: inputs over the documented limits are refused before they are parsed, quickly
 * (a 10 MB YAML scalar used to take 28 s, a 200 MB one never finished).
 */
class InputLimitsTest {
  private static final Duration QUICK = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void aManifestOverTheDocumentLimitIsRefusedBeforeParsing() throws Exception {
    Path p = dir.resolve("drvguard.yaml");
    Files.writeString(p, "driver: {name: x, role: legacy}\ndescription: " + "a".repeat((int) InputLimits.DOCUMENT_BYTES)
        + "\n");
    InputException e = assertTimeoutPreemptively(QUICK,
        () -> assertThrows(InputException.class, () -> TreeLoader.load("manifest", p)));
    assertEquals("manifest_too_large", e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("over the limit of 2.0 MiB"), e.getMessage());
  }

  @Test
  void aLineOverTheLineLimitIsRefusedWithItsLineInWholeAndStreamedDocuments() throws Exception {
    String longLine = "a".repeat(InputLimits.LINE_CHARS + 1);
    Path json = dir.resolve("c.json");
    Files.writeString(json, "{\n\"policy\": {\"target\": \"" + longLine.substring(0, 600_000) + "\",\n\"x\": \""
        + longLine.substring(0, 600_000) + "\"}}\n");
    // two long lines, each under the limit, are read
    assertEquals(600_000, TreeLoader.load("config", json).child("policy").string("target", true).length());
    Path tooLong = dir.resolve("d.json");
    Files.writeString(tooLong, "{\n\"policy\": {\"target\": \"" + longLine + "\"}}\n");
    InputException whole = assertThrows(InputException.class, () -> TreeLoader.load("config", tooLong));
    assertEquals("config_line_too_long", whole.code(), whole.getMessage());
    assertEquals(2, whole.line(), whole.getMessage());

    Path scenario = dir.resolve("big.scenario.yaml");
    Files.writeString(scenario, "scenario: big\npackage: nowhere\nsteps:\n  - id: s1\n    open: {path: '" + longLine
        + "'}\n");
    InputException e = assertTimeoutPreemptively(QUICK,
        () -> assertThrows(InputException.class, () -> new ScenarioReader().read(scenario)));
    assertEquals("scenario_line_too_long", e.code(), e.getMessage());
    assertEquals(5, e.line(), e.getMessage());
  }

  @Test
  void aScenarioOverTheStreamingLimitIsRefusedWithoutReadingIt() throws Exception {
    Path scenario = dir.resolve("huge.scenario.yaml");
    try (RandomAccessFile f = new RandomAccessFile(scenario.toFile(), "rw")) {
      f.setLength(InputLimits.STREAMED_BYTES + 1); // sparse: no disk is used
    }
    InputException e = assertTimeoutPreemptively(QUICK,
        () -> assertThrows(InputException.class, () -> StreamedDocument.open("scenario", scenario, "steps")));
    assertEquals("scenario_too_large", e.code(), e.getMessage());
  }
}
