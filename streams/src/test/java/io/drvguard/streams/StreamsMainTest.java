package io.drvguard.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamsMainTest {
  @Test
  void runWithoutAPackagesFolderIsAUsageError() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = StreamsMain.execute("run", "--set", "bootstrap.servers=nowhere:1");
    } finally {
      System.setErr(old);
    }
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(StreamsSettings.PACKAGES), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runWithASettingsFileThatDoesNotReadNamesItAndExits2() {
    String err = stderrOf(() -> assertEquals(2, StreamsMain.execute("run", "--config", "no-such-fleet.properties")));
    assertTrue(err.contains("no-such-fleet.properties: cannot read the settings file"), err);
    assertTrue(!err.contains("\tat "), "no stack trace: " + err);
  }

  @Test
  void versionNamesTheApplication() {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, StreamsMain.execute("--version"));
    } finally {
      System.setOut(old);
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("drvguard-streams "), out.toString(StandardCharsets.UTF_8));
  }

  private static String stderrOf(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void replayOfAScenarioThatDoesNotExistIsAnInputError() {
    assertEquals(2, StreamsMain.execute("replay", "no-such.scenario.yaml"));
  }

  @Test
  void replayExitsAsSimulateDoes() {
    // the toaster bus scenario meets its expectations but reports error findings: simulate exits 1
    assertEquals(1, StreamsMain.execute("replay", "../examples/scenarios/toastbus.scenario.yaml"));
    assertEquals(0, StreamsMain.execute("replay", "../examples/scenarios/scanner.scenario.yaml"));
  }
}
