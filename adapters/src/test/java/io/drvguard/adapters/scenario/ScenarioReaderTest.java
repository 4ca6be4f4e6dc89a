package io.drvguard.adapters.scenario;

import static io.drvguard.adapters.scenario.ScenarioFixtures.DESIGN_SCENARIO;
import static io.drvguard.adapters.scenario.ScenarioFixtures.TOASTBUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {
  @TempDir Path dir;
  private Path manifest;
  private final ScenarioReader reader = new ScenarioReader();

  @BeforeEach
  void writePackage() throws Exception {
    manifest = ScenarioFixtures.pkg(dir, "toastbus", TOASTBUS);
  }

  @Test
  void designExampleParses() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "design", DESIGN_SCENARIO);
    Scenario s = reader.read(file);
    assertEquals("unprivileged user against the raw PDO", s.name());
    assertEquals(manifest.toAbsolutePath().normalize(), s.packagePath());
    assertEquals(Target.WIN10, s.target());
    assertEquals(List.of("alice", "admin"), List.copyOf(s.principals().keySet()));
    Token alice = s.principals().get("alice");
    assertEquals(Sid.parse("S-1-5-21-1-2-3-1001"), alice.user());
    assertEquals(Set.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.BUILTIN_USERS, Sid.INTERACTIVE), alice.groups());
    assertEquals(Token.DEFAULT_PRIVILEGES, alice.privileges(), "every principal holds the default privileges");
    assertTrue(alice.bypassesTraverse());
    assertEquals(Set.of("SeLoadDriverPrivilege", Token.SE_CHANGE_NOTIFY_PRIVILEGE),
        s.principals().get("admin").privileges());
    assertEquals(Set.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.BUILTIN_ADMINISTRATORS),
        s.principals().get("admin").groups());

    List<Step> steps = s.steps();
    assertEquals(List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7"), steps.stream().map(Step::id).toList());
    assertEquals(List.of("open", "open", "ioctl", "relativeOpen", "forward", "createObject", "openObject"),
        steps.stream().map(Step::kind).toList());

    Step s1 = steps.get(0);
    Scenario.Open open = assertInstanceOf(Scenario.Open.class, s1.action());
    assertEquals("alice", open.as().name());
    assertEquals(alice, open.as().token());
    assertEquals("\\Device\\ToastPdo0", open.path());
    assertEquals(AccessMask.FILE_READ_DATA, open.access());
    assertNull(open.fileDescriptor());
    assertEquals("h1", s1.handle());
    assertEquals(new Scenario.Expectation(Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-1", null), s1.expect());
    assertEquals(8, s1.location().line());
    assertEquals(file.toString(), s1.location().file());

    assertEquals("\\Device\\ToastPdo0\\x", ((Scenario.Open) steps.get(1).action()).path());
    assertNull(steps.get(1).handle());
    assertEquals(new Scenario.Expectation(Verdict.DENY, null, null, null), steps.get(1).expect());
    assertEquals(12, steps.get(1).location().line());

    Scenario.Ioctl ioctl = assertInstanceOf(Scenario.Ioctl.class, steps.get(2).action());
    assertEquals("h1", ioctl.handle());
    assertEquals("IOCTL_TOAST_EJECT", ioctl.code());
    assertEquals("alice", ioctl.owner().name());
    assertNull(steps.get(2).expect());

    Scenario.RelativeOpen rel = assertInstanceOf(Scenario.RelativeOpen.class, steps.get(3).action());
    assertEquals(new Scenario.RelativeOpen("h1", null, null, new Scenario.Principal("alice", alice)), rel);

    Scenario.Forward fwd = assertInstanceOf(Scenario.Forward.class, steps.get(4).action());
    assertEquals("IOCTL_TOAST_EJECT", fwd.code());

    assertEquals(new Scenario.CreateObject("Global\\ScanLock", Context.EVENT_MONITOR, null), steps.get(5).action());
    assertEquals(new Scenario.OpenObject("Global\\ScanLock", Context.APPLICATION,
        new Scenario.Principal("alice", alice), AccessMask.SYNCHRONIZE), steps.get(6).action());
    assertEquals(new Scenario.Expectation(Verdict.DENY, null, null, null), steps.get(6).expect());
  }

  @Test
  void loadReadsThePackageToo() throws Exception {
    LoadedScenario loaded = reader.load(ScenarioFixtures.scenario(dir, "design", DESIGN_SCENARIO));
    assertEquals("toastbus", loaded.pkg().name());
    assertEquals(7, loaded.scenario().steps().size());
  }

  @Test
  void defaultsAndExtensions() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "defaults", """
        package: ../packages/toastbus/drvguard.yaml
        principals:
          bob: { user: 'S-1-5-21-9-9-9-1002', groups: [WD] }
          carol: { user: 'S-1-5-21-9-9-9-1003' }
        steps:
          - open: { as: bob, path: '\\Device\\ToastPdo0\\f', access: [GENERIC_READ, SYNCHRONIZE], fileSddl: 'D:P(A;;FR;;;WD)' }
            handle: a
          - relativeOpen: { handle: a, as: carol, access: 0x80 }
            handle: b
          - ioctl: { handle: b, code: 0x222004 }
          - ioctl: { handle: b, code: 'CTL_CODE(0x22, 0x801, 0, 0)' }
          - createObject: { object: 'Global\\ScanLock', context: application }
          - openObject: { object: 'global\\scanlock', context: eventMonitor, access: MUTANT_ALL_ACCESS }
          - close: { handle: a }
          - id: again
            relativeOpen: { handle: a }
        """);
    Scenario s = reader.read(file);
    assertEquals("defaults", s.name());
    assertEquals(manifest.toAbsolutePath().normalize(), s.packagePath());
    // no target written: the configured one (policy.target) applies, else the built-in default
    assertNull(s.target());
    assertEquals(Target.WIN2003, s.targetOr(Target.WIN2003));
    assertEquals(Set.of(), s.principals().get("carol").groups());
    List<Step> steps = s.steps();
    assertEquals(List.of("step1", "step2", "step3", "step4", "step5", "step6", "step7", "again"),
        steps.stream().map(Step::id).toList());
    Scenario.Open open = (Scenario.Open) steps.get(0).action();
    assertEquals(AccessMask.GENERIC_READ | AccessMask.SYNCHRONIZE, open.access());
    assertEquals("D:P(A;;FR;;;WD)", open.fileDescriptor().toSddl());
    Scenario.RelativeOpen rel = (Scenario.RelativeOpen) steps.get(1).action();
    assertEquals("carol", rel.as().name());
    assertEquals(0x80, rel.access());
    assertEquals("bob", rel.owner().name());
    Scenario.Ioctl byNumber = (Scenario.Ioctl) steps.get(2).action();
    assertEquals("0x00222004", byNumber.code());
    assertEquals("carol", byNumber.owner().name(), "b was bound by carol's relative open");
    assertEquals("CTL_CODE(0x22, 0x801, 0, 0)", ((Scenario.Ioctl) steps.get(3).action()).code());
    Scenario.CreateObject create = (Scenario.CreateObject) steps.get(4).action();
    assertEquals("bob", create.as().name(), "the application context defaults to the first principal");
    Scenario.OpenObject oo = (Scenario.OpenObject) steps.get(5).action();
    assertNull(oo.as());
    assertEquals(AccessMask.MUTANT_ALL_ACCESS, oo.access());
    assertEquals(new Scenario.Close("a"), steps.get(6).action());
    assertEquals("bob", ((Scenario.RelativeOpen) steps.get(7).action()).owner().name(),
        "a closed handle may still be named: the model reports it not found");
  }

  @Test
  void defaultPrivilegesUnlessNoDefaultPrivileges() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "privileges", """
        package: ../packages/toastbus
        principals:
          plain: { user: 'S-1-5-21-9-9-9-1001' }
          empty: { user: 'S-1-5-21-9-9-9-1002', privileges: [] }
          restricted: { user: 'S-1-5-21-9-9-9-1003', noDefaultPrivileges: true }
          loader: { user: 'S-1-5-21-9-9-9-1004', privileges: [SeLoadDriverPrivilege], noDefaultPrivileges: true }
          kept: { user: 'S-1-5-21-9-9-9-1005', noDefaultPrivileges: false }
        steps:
          - open: { as: plain, path: '\\Device\\ToastPdo0', access: [], api: win32 }
          - open: { as: plain, path: '\\Device\\ToastPdo0', access: [FILE_READ_DATA], api: native }
          - open: { as: plain, path: '\\Device\\ToastPdo0', access: [] }
        """);
    Scenario s = reader.read(file);
    assertEquals(Set.of(Token.SE_CHANGE_NOTIFY_PRIVILEGE), s.principals().get("plain").privileges());
    assertEquals(Set.of(Token.SE_CHANGE_NOTIFY_PRIVILEGE), s.principals().get("empty").privileges(),
        "`privileges: []` keeps the defaults");
    assertEquals(Set.of(), s.principals().get("restricted").privileges());
    assertFalse(s.principals().get("restricted").bypassesTraverse());
    assertEquals(Set.of("SeLoadDriverPrivilege"), s.principals().get("loader").privileges());
    assertEquals(Set.of(Token.SE_CHANGE_NOTIFY_PRIVILEGE), s.principals().get("kept").privileges());
    // CreateFile adds SYNCHRONIZE and FILE_READ_ATTRIBUTES; NtCreateFile passes the access as written
    assertEquals(AccessMask.SYNCHRONIZE | AccessMask.FILE_READ_ATTRIBUTES,
        ((Scenario.Open) s.steps().get(0).action()).access());
    assertEquals(AccessMask.FILE_READ_DATA, ((Scenario.Open) s.steps().get(1).action()).access());
    assertEquals(0, ((Scenario.Open) s.steps().get(2).action()).access());
  }

  @Test
  void badNoDefaultPrivilegesAndApi() throws Exception {
    InputException e = error("package: ../packages/toastbus\nprincipals:\n  alice: { user: 'S-1-5-21-1', noDefaultPrivileges: maybe }\nsteps: []\n");
    assertError(e, "scenario_wrong_type", 3, "principals.alice.noDefaultPrivileges");
    assertTrue(e.column() > 0, e.getMessage());
    e = error(HEAD + "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0', api: posix }\n");
    assertError(e, "scenario_bad_value", 6, "`steps[0].open.api` is `posix`");
    assertTrue(e.getMessage().contains("win32"), e.getMessage());
    assertTrue(e.column() > 0, e.getMessage());
    assertError(error(HEAD + "  - id: s1\n    relativeOpen: { handle: h, api: win32 }\n"), "scenario_unknown_key", 6,
        "relativeOpen.api");
  }

  @Test
  void everyTargetIsKnownAndOnlyXpAnd2000PredateValidatedRights() throws Exception {
    for (Target t : Target.values()) {
      Path file = ScenarioFixtures.scenario(dir, "t", "package: ../packages/toastbus\ntarget: " + t.id() + "\nsteps: []\n");
      assertEquals(t, reader.read(file).target());
      assertEquals(t != Target.WIN2000 && t != Target.WINXP, t.requiresValidatedRight(), t.id());
    }
  }

  // ------------------------------------------------------------------ errors

  private InputException error(String text) throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "bad", text);
    InputException e = assertThrows(InputException.class, () -> reader.read(file));
    assertEquals(file.toString(), e.file());
    return e;
  }

  private InputException loadError(String text) throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "bad", text);
    InputException e = assertThrows(InputException.class, () -> reader.load(file));
    assertEquals(file.toString(), e.file());
    return e;
  }

  private static void assertError(InputException e, String code, int line, String inMessage) {
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains(inMessage), e.getMessage() + " should mention " + inMessage);
  }

  private static final String HEAD = """
      package: ../packages/toastbus
      principals:
        alice: { user: 'S-1-5-21-1-2-3-1001', groups: [WD] }
      steps:
      """;

  @Test
  void unknownTopLevelKey() throws Exception {
    assertError(error("package: ../packages/toastbus\ntargte: win10\nsteps: []\n"),
        "scenario_unknown_key", 2, "did you mean `target`?");
  }

  @Test
  void unknownTarget() throws Exception {
    assertError(error("package: ../packages/toastbus\ntarget: win95\nsteps: []\n"),
        "scenario_bad_value", 2, "`target` is `win95`");
  }

  @Test
  void missingPackage() throws Exception {
    assertError(error("package: ../packages/nothere\nsteps: []\n"), "file_not_found", 1, "nothere");
  }

  @Test
  void missingSteps() throws Exception {
    assertError(error("package: ../packages/toastbus\n"), "scenario_missing_key", 1, "steps");
  }

  @Test
  void principalErrors() throws Exception {
    assertError(error("package: ../packages/toastbus\nprincipals:\n  alice: { user: 'S-1-5-21-1', grops: [WD] }\nsteps: []\n"),
        "scenario_unknown_key", 3, "principals.alice.grops");
    assertError(error("package: ../packages/toastbus\nprincipals:\n  alice: { user: 'XX' }\nsteps: []\n"),
        "scenario_bad_value", 3, "principals.alice.user");
    assertError(error("package: ../packages/toastbus\nprincipals:\n  alice:\n    user: 'S-1-5-21-1'\n    groups: [WD, QQ]\nsteps: []\n"),
        "scenario_bad_value", 5, "`QQ`");
    assertError(error("package: ../packages/toastbus\nprincipals:\n  alice: { user: 'S-1-5-21-1', privileges: [LoadDriver] }\nsteps: []\n"),
        "scenario_bad_value", 3, "`LoadDriver`");
    assertError(error("package: ../packages/toastbus\nprincipals:\n  alice: S-1-5-21-1\nsteps: []\n"),
        "scenario_wrong_type", 3, "principals.alice");
  }

  @Test
  void unknownPrincipal() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    open: { as: mallory, path: '\\Device\\ToastPdo0' }\n"),
        "scenario_unknown_principal", 6, "`steps[0].open.as` names `mallory`");
  }

  @Test
  void unknownHandleUsedBeforeAnyStepBindsIt() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    ioctl: { handle: h1, code: 0x222004 }\n"
            + "  - id: s2\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n"),
        "scenario_unknown_handle", 6, "`steps[0].ioctl.handle` names `h1`");
    assertError(error(HEAD + "  - open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n"
            + "  - close: { handle: h2 }\n"),
        "scenario_unknown_handle", 7, "`h2`");
  }

  @Test
  void unknownStepKind() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    opne: { as: alice, path: '\\Device\\ToastPdo0' }\n"),
        "scenario_unknown_step_kind", 6, "did you mean `open`?");
    assertError(error(HEAD + "  - id: s1\n    launch: { x: 1 }\n"),
        "scenario_unknown_step_kind", 6, "`steps[0].launch`");
  }

  @Test
  void stepWithNoKindOrTwoKinds() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    handle: h1\n"), "scenario_no_step_kind", 5, "`steps[0]` has no kind");
    assertError(error(HEAD + "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n"
            + "    close: { handle: h1 }\n"),
        "scenario_two_step_kinds", 7, "`open` and `close`");
  }

  @Test
  void duplicateStepId() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n"
            + "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n"),
        "scenario_duplicate_step", 7, "duplicate step id `s1`");
  }

  @Test
  void unknownAccessName() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    open:\n      as: alice\n      path: '\\Device\\ToastPdo0'\n"
            + "      access: [FILE_READ_DATA, FILE_REED_DATA]\n"),
        "scenario_bad_value", 9, "unknown access right `FILE_REED_DATA`");
  }

  @Test
  void unknownArgumentAndWrongType() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0', acess: [FILE_READ_DATA] }\n"),
        "scenario_unknown_key", 6, "steps[0].open.acess");
    assertError(error(HEAD + "  - id: s1\n    open: '\\Device\\ToastPdo0'\n"),
        "scenario_wrong_type", 6, "steps[0].open");
    assertError(error(HEAD + "  - id: s1\n    open: { as: alice, path: [a, b] }\n"),
        "scenario_wrong_type", 6, "steps[0].open.path");
    assertError(error(HEAD + "  - id: s1\n    open: { as: alice }\n"),
        "scenario_missing_key", 6, "steps[0].open.path");
  }

  @Test
  void expectationErrors() throws Exception {
    String open = "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n";
    assertError(error(HEAD + open + "    expect: { decision: permit }\n"), "scenario_bad_value", 7, "expected allow or deny");
    assertError(error(HEAD + open + "    expect: { decision: deny, status: STATUS_NO_SUCH_THING }\n"),
        "scenario_bad_value", 7, "`steps[0].expect.status` is `STATUS_NO_SUCH_THING`");
    assertError(error(HEAD + open + "    expect: { requirement: ns1 }\n"), "scenario_bad_value", 7, "requirement");
    assertError(error(HEAD + open + "    expect: { verdict: deny }\n"), "scenario_unknown_key", 7, "steps[0].expect.verdict");
    assertError(error(HEAD + open + "    expect: {}\n"), "scenario_bad_value", 7, "expects nothing");
    assertError(error(HEAD + open + "    expect: deny\n"), "scenario_wrong_type", 7, "must be a mapping");
    assertError(error(HEAD + open + "    expect: { rule: DirectOpenDenied, guards: [DirectOpenDenied] }\n"),
        "scenario_bad_value", 7, "the rule expected to decide the step");
    assertError(error(HEAD + open + "    expect: { guards: [{rule: X}] }\n"), "scenario_wrong_type", 7, "list of values");
  }

  @Test
  void aStepGuardsRulesAsAListOrOneIdAndThatAloneIsAnExpectation() throws Exception {
    String open = "  - id: s1\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n";
    Path file = ScenarioFixtures.scenario(dir, "guards", HEAD + open
        + "    expect: { decision: allow, rule: DirectOpenGranted, guards: [DirectOpenDenied, TraverseDenied] }\n"
        + "  - id: s2\n    open: { as: alice, path: '\\Device\\ToastPdo0' }\n    expect: { guards: DirectOpenDenied }\n");
    List<Step> steps = reader.read(file).steps();
    assertEquals(new Scenario.Expectation(Verdict.ALLOW, null, null, "DirectOpenGranted",
        List.of("DirectOpenDenied", "TraverseDenied")), steps.get(0).expect());
    assertEquals(List.of("DirectOpenDenied"), steps.get(1).expect().guards());
  }

  @Test
  void misplacedExtensions() throws Exception {
    assertError(error(HEAD + "  - id: s1\n    createObject: { object: 'Global\\ScanLock', context: eventMonitor, as: alice }\n"),
        "scenario_bad_value", 6, "LocalSystem");
    assertError(error(HEAD + "  - id: s1\n    createObject: { object: 'Global\\ScanLock', context: kernel }\n"),
        "scenario_bad_value", 6, "expected application or eventMonitor");
    assertError(error(HEAD + "  - open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n"
            + "  - close: { handle: h1 }\n    expect: { decision: allow }\n"),
        "scenario_bad_value", 8, "nothing to expect");
    assertError(error(HEAD + "  - open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n"
            + "  - ioctl: { handle: h1, code: 0x222004 }\n    handle: h2\n"),
        "scenario_bad_value", 8, "opens no handle");
    assertError(error(HEAD + "  - open: { as: alice, path: '\\Device\\ToastPdo0', fileSddl: 'D:(A;;;' }\n"),
        "scenario_bad_value", 5, "fileSddl");
  }

  @Test
  void badControlCode() throws Exception {
    assertError(error(HEAD + "  - open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n"
            + "  - ioctl: { handle: h1, code: 'CTL_CODE(0x22, 0x1000, 0, 0)' }\n"),
        "scenario_bad_value", 7, "steps[1].ioctl.code");
  }

  @Test
  void referencesIntoThePackageAreCheckedOnLoad() throws Exception {
    String text = HEAD + "  - open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n"
        + "  - ioctl: { handle: h1, code: IOCTL_TOAST_INJECT }\n";
    Path file = ScenarioFixtures.scenario(dir, "bad", text);
    Scenario read = reader.read(file);
    assertEquals(2, read.steps().size(), "without the package the name cannot be checked");
    assertError(loadError(text), "scenario_bad_value", 7, "`IOCTL_TOAST_INJECT` is neither an IOCTL of package `toastbus`");
    assertError(loadError(HEAD + "  - createObject: { object: 'Global\\Other', context: application }\n"),
        "scenario_bad_value", 5, "`Global\\Other` is not a kernel object of package `toastbus`");
    InputException e = assertThrows(InputException.class,
        () -> ScenarioReader.checkAgainst(read, new ScenarioReader().load(
            ScenarioFixtures.scenario(dir, "ok", DESIGN_SCENARIO)).pkg()));
    assertEquals(7, e.line());
    assertTrue(e.getMessage().contains("step `step2`"), e.getMessage());
  }

  /** Issue 12 point 5: an access mask or control code outside 32 bits, negative or fractional is an error. */
  @Test
  void numbersOutsideTheirFieldAreErrors() throws Exception {
    String[][] cases = {
        {"- open: { as: alice, path: '\\\\Device\\\\ToastPdo0', access: 4294967296 }", "does not fit 32 bits"},
        {"- open: { as: alice, path: '\\\\Device\\\\ToastPdo0', access: [-1] }", "is negative"},
        {"- open: { as: alice, path: '\\\\Device\\\\ToastPdo0', access: [0.5] }", "is not a whole number"},
    };
    for (String[] c : cases) {
      assertError(error(HEAD + "  " + c[0] + "\n"), "scenario_bad_value", 5, c[1]);
    }
  }
}
