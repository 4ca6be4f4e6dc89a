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
