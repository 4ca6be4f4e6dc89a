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
  void coverageCountsRulesWithANamedPositiveAndNegativeCaseAndTheThresholdIsEnforced() throws Exception {
    write("OBJ-1/noncompliant/a/drvguard.yaml", BAD_PDO);
    // a finding without its rule id names no rule: it is a case, not a positive case of a rule
    write("OBJ-1/noncompliant/a/expected.json", "{\"violations\": [{\"requirement\": \"OBJ-1\"}]}");
    CheckCommandTest.Run none = CheckCommandTest.run("verify", dir.toString());
    assertEquals(0, none.code(), none.out() + none.err());
    assertTrue(none.out().matches("(?s).*rule coverage: 0/\\d+ rules have a positive and a negative case \\(0\\.0%\\).*"),
        none.out());

    write("OBJ-1/noncompliant/a/expected.json",
        "{\"violations\": [{\"requirement\": \"OBJ-1\", \"ruleId\": \"RawPdoWithoutIoCreateDeviceSecure\"}]}");
    write("OBJ-1/compliant/b/drvguard.yaml", BAD_PDO.replace("rawMode: true}", "rawMode: true, createdWith: IoCreateDeviceSecure,"
        + " sddl: 'D:P(A;;GA;;;SY)'}"));
    write("OBJ-1/compliant/b/expected.json", "{\"violations\": [], \"guards\": [\"RawPdoWithoutIoCreateDeviceSecure\"]}");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*rule coverage: 1/\\d+ rules have a positive and a negative case \\(\\d\\.\\d%\\).*"),
        r.out());
    String noPositive = r.out().lines().filter(l -> l.startsWith("  warning: no positive case")).findFirst().orElse("");
    assertTrue(noPositive.contains("IoctlAllowed") && !noPositive.contains("RawPdoWithoutIoCreateDeviceSecure"), r.out());
    String noNegative = r.out().lines().filter(l -> l.startsWith("  warning: no negative case")).findFirst().orElse("");
    assertTrue(noNegative.contains("IoctlAllowed") && !noNegative.contains("RawPdoWithoutIoCreateDeviceSecure"), r.out());
    assertEquals(0, CheckCommandTest.run("verify", "--coverage-threshold", "1", dir.toString()).code());
    CheckCommandTest.Run high = CheckCommandTest.run("verify", "--coverage-threshold", "90", dir.toString());
    assertEquals(1, high.code());
    assertTrue(high.out().contains("is below the threshold of 90%"), high.out());
  }

  @Test
  void aGuardedRuleThatReportsFailsTheCase() throws Exception {
    // the FDO is unnamed, as NS-4 wants, but no INF sets the stack's ACL (OBJ-5)
    write("NS-4/compliant/b/drvguard.yaml", "driver: {name: v4, role: function}\ndeviceObjects:\n  - {id: fdo0, kind: fdo}\n");
    write("NS-4/compliant/b/expected.json", "{\"violations\": [], \"guards\": [\"PnpPackageWithoutInf\"]}");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL NS-4/compliant/b") && r.out().contains("guards PnpPackageWithoutInf, but"), r.out());

    write("NS-4/compliant/b/expected.json", "{\"violations\": [], \"guards\": [\"DirectOpenDenied\"]}");
    CheckCommandTest.Run decision = CheckCommandTest.run("verify", dir.toString());
    assertEquals(2, decision.code(), decision.out() + decision.err());
    assertTrue(decision.err().contains("expected.json:1:") && decision.err().contains("a decision rule"), decision.err());
  }

  static final String SCENARIO_PKG = """
      driver: {name: vsc, role: legacy, dispatch: {failsRelatedOpen: true, failsNamespaceOpen: true}}
      deviceObjects:
        - {id: ctl, kind: legacy, name: '\\Device\\VerifySc', createdWith: IoCreateDeviceSecure, sddl: 'D:P(A;;GA;;;SY)',
           classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}', characteristics: [FILE_DEVICE_SECURE_OPEN]}
      """;

  @Test
  void aStepGuardsDecisionRulesItDoesNotDecide() throws Exception {
    write("sc/pkg/drvguard.yaml", SCENARIO_PKG);
    String head = """
        package: pkg
        principals:
          alice: { user: 'S-1-5-21-1-2-3-1001', groups: [WD, AU, BU, IU] }
        steps:
          - id: denied
            open: { as: alice, path: '\\Device\\VerifySc', access: [FILE_READ_DATA] }
        """;
    write("sc/t.scenario.yaml", head + "    expect: { decision: deny, rule: DirectOpenDenied, guards: [DirectOpenGranted] }\n");
    CheckCommandTest.Run r = CheckCommandTest.run("verify", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());

    write("sc/t.scenario.yaml", head + "    expect: { decision: deny, guards: [DirectOpenDenied] }\n");
    CheckCommandTest.Run wrong = CheckCommandTest.run("verify", dir.toString());
    assertEquals(1, wrong.code(), wrong.out() + wrong.err());
    assertTrue(wrong.out().contains("guards: DirectOpenDenied voted and decided"), wrong.out());

    write("sc/t.scenario.yaml", head + "    expect: { decision: deny, guards: [DirectOpenDenid] }\n");
    CheckCommandTest.Run typo = CheckCommandTest.run("verify", dir.toString());
    assertEquals(2, typo.code(), typo.out() + typo.err());
    assertTrue(typo.err().contains("t.scenario.yaml:5:") && typo.err().contains("`DirectOpenDenid`, which is no rule"),
        typo.err());
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
