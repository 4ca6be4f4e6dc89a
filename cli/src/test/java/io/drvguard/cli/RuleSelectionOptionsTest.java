package io.drvguard.cli;

import static io.drvguard.cli.CheckCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --only}, {@code --skip} and {@code severity.<id>=off} on the findings of {@code check}. */
class RuleSelectionOptionsTest {
  @TempDir Path dir;

  /** Two findings of different requirements: OBJ-1 (raw PDO with IoCreateDevice) and NS-6. */
  private Path pkg() throws Exception {
    Path d = dir.resolve("p");
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), """
        driver: {name: sel, role: bus, dispatch: {failsNamespaceOpen: true}}
        deviceObjects:
          - {id: pdo0, kind: pdo, rawMode: true, createdWith: IoCreateDevice, name: '\\Device\\Sel0',
             characteristics: [FILE_DEVICE_SECURE_OPEN]}
        """);
    return d;
  }

  @Test
  void withoutSelectionBothAreReported() throws Exception {
    CheckCommandTest.Run r = run("check", pkg().toString());
    assertTrue(r.out().contains("[OBJ-1 ") && r.out().contains("[NS-6 "), r.out());
  }

  @Test
  void onlyKeepsTheNamedRequirement() throws Exception {
    CheckCommandTest.Run r = run("check", "--only", "OBJ-1", pkg().toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("[OBJ-1 "), r.out());
    assertFalse(r.out().contains("[NS-6 "), r.out());
  }

  @Test
  void skipByRuleIdDropsOnlyThatRule() throws Exception {
    CheckCommandTest.Run r = run("check", "--skip", "RelatedOpenNotFailed", pkg().toString());
    assertTrue(r.out().contains("[OBJ-1 "), r.out());
    assertFalse(r.out().contains("[NS-6 "), r.out());
  }

  @Test
  void severityOffTurnsARequirementOff() throws Exception {
    CheckCommandTest.Run r = run("check", "--set", "severity.OBJ-1=off", "--set", "severity.NS-6=off", pkg().toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("0 findings"), r.out());
  }

  @Test
  void anUnknownIdOrADecisionRuleIsExit2() throws Exception {
    CheckCommandTest.Run unknown = run("check", "--only", "OBJ-99", pkg().toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("`OBJ-99` names no rule and no requirement"), unknown.err());
    CheckCommandTest.Run decision = run("check", "--skip", "DirectOpenDenied", pkg().toString());
    assertEquals(2, decision.code());
    assertTrue(decision.err().contains("decision rule"), decision.err());
    CheckCommandTest.Run off = run("check", "--set", "severity.DirectOpenDenied=off", pkg().toString());
    assertEquals(2, off.code());
    CheckCommandTest.Run badValue = run("check", "--set", "severity.NS-6=none", pkg().toString());
    assertEquals(2, badValue.code());
    assertTrue(badValue.err().contains("or off"), badValue.err());
  }
}
