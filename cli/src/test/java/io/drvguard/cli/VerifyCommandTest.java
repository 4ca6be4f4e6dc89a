package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path dir;

  private void write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static final String BAD_PDO = "driver: {name: v1, role: bus}\n"
      + "deviceObjects:\n  - {id: pdo0, kind: pdo, rawMode: true}\n";

  @Test
  void heldExpectationsExit0AndCount() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    write("OBJ-1/noncompliant/a/expected.json",
        "{\"violations\": [{\"requirement\": \"OBJ-1\", \"subject\": \"pdo0\", \"severity\": \"error\"}]}");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("verified 1 package case (1 expectations) and 0 scenarios (0 steps, 0 with expectations): all held"), r.out());
  }

  @Test
  void aMismatchIsListedAndExits1() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    write("OBJ-1/noncompliant/a/expected.json",
        "{\"violations\": [{\"requirement\": \"OBJ-1\", \"subject\": \"pdo9\"}]}");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("FAIL OBJ-1/noncompliant/a"), r.out());
    assertTrue(r.out().contains("expected OBJ-1 subject=pdo9"), r.out());
    assertTrue(r.out().contains("1 case(s) and 0 step(s) failed"), r.out());
  }

  @Test
  void aMalformedExpectationFileIsExit2WithItsLine() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    write("OBJ-1/noncompliant/a/expected.json", "{\n  \"violations\": [,]\n}");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("expected.json:2:"), r.err());
    assertTrue(r.err().contains("case_unreadable"), r.err());
  }

  @Test
  void coverageIsReportedAndTheThresholdEnforced() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    write("OBJ-1/noncompliant/a/expected.json", "{\"violations\": [{\"requirement\": \"OBJ-1\"}]}");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertTrue(r.out().matches("(?s).*rule coverage: \\d+/\\d+ rules fired in at least one case \\(\\d+\\.\\d%\\).*"), r.out());
    assertTrue(r.out().contains("never fired: ") && r.out().contains("IoctlAllowed"), r.out());
    assertEquals(0, CheckCommandTest.run("verify", "--coverage-threshold", "1", dir.toString()).code());
    CheckCommandTest.Run high = CheckCommandTest.run("verify", "--coverage-threshold", "90", dir.toString());
    assertEquals(1, high.code());
    assertTrue(high.out().contains("is below the threshold of 90%"), high.out());
  }

  /** Issue 12 point 11: a case without its expectation file used to be skipped without a word. */
  @Test
  void aCaseFolderWithoutItsExpectationIsAnError() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    write("OBJ-1/noncompliant/a/expected.json", "{\"violations\": [{\"requirement\": \"OBJ-1\"}]}");
    write("OBJ-1/compliant/forgotten/drvguard.yaml", BAD_PDO);
    // a scenario's package folder is not a case (it does not sit under compliant/ or noncompliant/)
    write("NS-1/some-scenario/drvguard.yaml", BAD_PDO);
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("case_missing_expectation: case folder `forgotten` under compliant/ has no expected.json"),
        r.err());
    assertTrue(!r.err().contains("some-scenario"), r.err());
  }

  @Test
  void aCoverageThresholdOutsideZeroToHundredIsAUsageError() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    write("OBJ-1/noncompliant/a/expected.json", "{\"violations\": [{\"requirement\": \"OBJ-1\"}]}");
    for (String n : new String[] {"101", "-1"}) {
      CheckCommandTest.Run r = CheckCommandTest.run("verify", "--coverage-threshold", n, dir.toString());
      assertEquals(2, r.code(), n + ": " + r.out() + r.err());
      assertTrue(r.err().contains("usage_error: --coverage-threshold is a percentage from 0 to 100, not " + n), r.err());
    }
    CheckCommandTest.Run ok = CheckCommandTest.run("verify", "--coverage-threshold", "0", dir.toString());
    assertEquals(0, ok.code(), ok.out() + ok.err());
  }
}
