package io.drvguard.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Context;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.sim.Simulation;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.Evaluation;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import io.drvguard.library.config.ConfigSources;
import io.drvguard.library.waivers.Waivers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding facade on the bundled examples: directories to findings, requests to decisions. */
class DrvguardTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final Path VULNERABLE = EXAMPLES.resolve("toastbus-vulnerable");
  static final Principal ALICE = new Principal("alice", Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1001")));

  static Drvguard guard;

  @BeforeAll
  static void build() throws Exception {
    guard = Drvguard.withBundledRules();
  }

  static Set<String> requirements(Findings f) {
    return f.violations().stream().map(Violation::requirement).collect(Collectors.toSet());
  }

  // ---- findings

  @Test
  void aManifestPackageDirectoryGivesItsFindings() {
    Findings f = guard.check(VULNERABLE);
    assertEquals(List.of(), f.errors());
    assertEquals(1, f.packages().size());
    assertEquals("toastbus-vulnerable", f.packages().get(0).packageName());
    assertTrue(requirements(f).containsAll(Set.of("OBJ-1", "OBJ-2", "OBJ-9", "NS-8", "IOCTL-3")), f.toString());
    assertFalse(f.passes(Severity.ERROR));
    assertTrue(guard.check(EXAMPLES.resolve("toastbus-fixed")).passes(Severity.ERROR));
  }

  @Test
  void aDriverSourceTreeIsScannedAsCheckScansIt() {
    Findings f = guard.check(EXAMPLES.resolve("legacy-driver-src"));
    assertEquals(List.of(), f.errors());
    assertEquals(1, f.packages().size());
    // the findings point into the C sources, at the line that causes them
    Violation obj8 = f.violations().stream().filter(v -> v.requirement().equals("OBJ-8")).findFirst().orElseThrow();
    assertTrue(obj8.location().file().endsWith("ctl.c"), obj8.toString());
    assertTrue(obj8.location().line() > 0, obj8.toString());
  }

  @Test
  void aFolderIsSearchedAndAnUnreadableInputDoesNotHideTheOthers() {
    Findings f = guard.check(EXAMPLES, Path.of("no-such-dir"));
    assertEquals(1, f.errors().size(), f.errors().toString());
    assertTrue(f.errors().get(0).getMessage().contains("no-such-dir"), f.errors().get(0).getMessage());
    Set<String> names = f.packages().stream().map(CheckResult::packageName).collect(Collectors.toSet());
    assertTrue(names.containsAll(Set.of("toastbus-vulnerable", "toastbus-fixed")), names.toString());
    assertTrue(names.size() >= 4, "the source tree and the scanner package too: " + names);
    assertFalse(f.passes(Severity.INFO), "an unreadable input never passes");
  }

  @Test
  void severitiesSelectionAndWaiversShapeTheFindings(@TempDir Path dir) throws Exception {
    Drvguard only = Drvguard.builder().only("OBJ-1").severity("OBJ-1", Severity.INFO).build();
    Findings f = only.check(VULNERABLE);
    assertEquals(Set.of("OBJ-1"), requirements(f));
    assertTrue(f.violations().stream().allMatch(v -> v.severity() == Severity.INFO), f.toString());
    assertTrue(f.passes(Severity.WARNING));

    Path waivers = Files.writeString(dir.resolve("waivers.yaml"), """
        waivers:
          - requirement: OBJ-1
            package: toastbus-*
            reason: the raw PDO is replaced in the next release
        """);
    Findings waived = Drvguard.builder().only("OBJ-1").waivers(Waivers.read(waivers)).build().check(VULNERABLE);
    assertFalse(waived.violations().isEmpty());
    assertTrue(waived.violations().stream().allMatch(Violation::waived), waived.toString());
    assertTrue(waived.passes(Severity.INFO));
  }

  @Test
  void theConfigurationIsLayeredAsTheCommandLineLayersIt(@TempDir Path dir) throws Exception {
    Path wd = Files.createDirectories(dir.resolve("wd"));
    Files.writeString(wd.resolve(".drvguard.yaml"), "severity:\n  OBJ-1: warning\n  OBJ-2: warning\n");
    Path file = Files.writeString(dir.resolve("cfg.properties"), "severity.OBJ-2 = info\npolicy.target = winxp\n");
    ConfigSources sources = new ConfigSources(Map.of("DRVGUARD_SEVERITY_OBJ_9", "info"), wd);
    Drvguard configured = Drvguard.builder().only("OBJ-1", "OBJ-2", "OBJ-9")
        .configuration(List.of("severity.OBJ-1=info"), file, sources).build();
    Map<String, Severity> seen = configured.check(VULNERABLE).violations().stream()
        .collect(Collectors.toMap(Violation::requirement, Violation::severity, (a, b) -> a));
    // --set over the environment over the file over the working directory's settings file
    assertEquals(Map.of("OBJ-1", Severity.INFO, "OBJ-2", Severity.INFO, "OBJ-9", Severity.INFO), seen);
    assertEquals("winxp", configured.engine().settings().policy().target().id());
    // what the builder is told wins over the configuration
    Drvguard told = Drvguard.builder().configuration(file).severity("OBJ-2", Severity.ERROR).only("OBJ-2").build();
    assertTrue(told.check(VULNERABLE).violations().stream().allMatch(v -> v.severity() == Severity.ERROR));

    Path typo = Files.writeString(dir.resolve("typo.yaml"), "severity:\n  OBJ-1: info\n  OBJ-1x: info\n");
    InputException e = assertThrows(InputException.class, () -> Drvguard.builder().configuration(typo).build());
    assertEquals("config_unknown_id", e.code());
    assertEquals(typo + ":3:3", e.file() + ":" + e.line() + ":" + e.column());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "policy:\n  target: win95\n");
    assertEquals("config_bad_value",
        assertThrows(InputException.class, () -> Drvguard.builder().configuration(bad).build()).code());
  }

  @Test
  void aTypoInTheOptionsIsAnErrorNotIgnored() {
    InputException severity = assertThrows(InputException.class,
        () -> Drvguard.builder().severity("OBJ-99", Severity.INFO).build());
    assertEquals("usage_unknown_id", severity.code());
    InputException decision = assertThrows(InputException.class,
        () -> Drvguard.builder().skip("DirectOpenGranted").build());
    assertEquals("usage_bad_value", decision.code());
    RuleBaseException none = assertThrows(RuleBaseException.class,
        () -> Drvguard.builder().withoutBundledRules().build());
    assertTrue(none.getMessage().contains("no rules"), none.getMessage());
  }

  @Test
  void anAuthorsRuleFolderReplacesABundledRule(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Mine.drl"), """
        package mine;
        import io.drvguard.facts.model.*;
        global io.drvguard.facts.model.ViolationSink report;
        rule "RawPdoWithoutIoCreateDeviceSecure"
          @id("RawPdoWithoutIoCreateDeviceSecure") @requirement("OBJ-1") @severity("info") @title("Replaced for the test")
        when
          eval(false)
        then
        end
        """);
    Drvguard mine = Drvguard.builder().rules(dir).build();
    assertEquals("Replaced for the test", mine.rules().rules().get("RawPdoWithoutIoCreateDeviceSecure").title());
    assertTrue(requirements(guard.check(VULNERABLE)).contains("OBJ-1"), "the bundled rule reports it");
    assertFalse(requirements(mine.check(VULNERABLE)).contains("OBJ-1"));
  }

  // ---- decisions

  @Test
  void aRequestBuiltByNameIsDecided() {
    IoctlRequest.Builder ioctl = IoctlRequest.builder().id("r1").principal("alice").handle("h1")
        .ioctlName("IOCTL_X").code(CtlCode.parse("CTL_CODE(0x22, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)"));
    Decision readOnly = guard.decide(ioctl.grantedAccess(AccessMask.FILE_READ_DATA).build());
    assertEquals(Verdict.DENY, readOnly.verdict());
    assertEquals(NtStatus.STATUS_ACCESS_DENIED, readOnly.status());
    assertTrue(guard.decide(ioctl.grantedAccess(AccessMask.FILE_WRITE_DATA).build()).allowed());
  }

  @Test
  void aDeviceDecidesStepsAndKeepsItsHandles() throws Exception {
    Device d = guard.device(VULNERABLE);
    // pdo1's default SDDL lets Everyone read and write, not delete
    Evaluation denied = d.open(ALICE, "\\Device\\ToastPdo1", AccessMask.DELETE, "h1");
    assertEquals(Verdict.DENY, denied.decision().verdict());
    assertTrue(d.model().handles().isEmpty(), "a denied open binds nothing");
    assertEquals("IoctlOnInvalidHandle", d.ioctl("h1", "IOCTL_TOAST_EJECT").decision().ruleId());

    Evaluation read = d.open(ALICE, "\\Device\\ToastPdo1", AccessMask.FILE_READ_DATA, "h1");
    assertTrue(read.decision().allowed(), read.decision().toString());
    assertEquals(List.of(), read.violations());
    assertTrue(d.ioctl("h1", "IOCTL_TOAST_EJECT").decision().allowed());
    d.close("h1");
    Evaluation afterClose = d.ioctl("h1", "IOCTL_TOAST_EJECT");
    assertEquals("IoctlOnInvalidHandle", afterClose.decision().ruleId());
  }

  @Test
  void aHoleIsAFindingAgainstThePackageAndItsManifest() throws Exception {
    Device d = guard.device(VULNERABLE);
    Evaluation hole = d.open(ALICE, "\\Device\\ToastPdo0\\x", AccessMask.FILE_READ_DATA, null);
    assertTrue(hole.decision().allowed());
    assertEquals(1, hole.violations().size(), hole.violations().toString());
    Violation v = hole.violations().get(0);
    assertEquals("NS-8", v.requirement());
    assertEquals("toastbus-vulnerable", v.packageName());
    assertEquals(SourceLocation.of(VULNERABLE.resolve("drvguard.yaml").toString(), 0), v.location());
  }

  @Test
  void aStepNamingWhatThePackageLacksIsRefused() throws Exception {
    Device d = guard.device(VULNERABLE);
    assertThrows(io.drvguard.adapters.sim.SimulationException.class,
        () -> d.run(new Scenario.OpenObject("Global\\Nope", Context.APPLICATION, ALICE, 1), null));
    assertThrows(InputException.class, () -> guard.device(EXAMPLES.resolve("no-such-package")));
  }

  @Test
  void aScenarioFileRunsStepByStepWithItsEvaluations() throws Exception {
    List<StepResult> steps = guard.simulate(EXAMPLES.resolve("scenarios/toastbus.scenario.yaml")).toList();
    StepResult s2 = steps.stream().filter(s -> s.step().id().equals("s2")).findFirst().orElseThrow();
    Evaluation e = (Evaluation) s2.outcome();
    assertEquals("NS-8", s2.decision().requirement());
    // a scenario step's hole points at the step's line in the scenario file
    Violation v = e.violations().get(0);
    assertEquals("toastbus-vulnerable", v.packageName());
    assertEquals(s2.step().location(), v.location());
    assertTrue(v.location().file().endsWith("toastbus.scenario.yaml"), v.location().toString());
    assertTrue(steps.stream().allMatch(Simulation::expectationMet), "the example's expectations hold");
    assertTrue(steps.stream().allMatch(StepResult::decided));
  }
}
