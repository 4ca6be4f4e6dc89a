package io.drvguard.adapters.scenario;

import static io.drvguard.adapters.scenario.ScenarioFixtures.TOASTBUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.facts.policy.Target;
import io.drvguard.adapters.UncheckedInputException;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.facts.security.AccessMask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ScenarioReader#stream}: steps read one at a time, with the errors of the whole-file read. */
class ScenarioStreamTest {
  @TempDir Path dir;
  private final ScenarioReader reader = new ScenarioReader();

  @BeforeEach
  void writePackage() throws Exception {
    ScenarioFixtures.pkg(dir, "toastbus", TOASTBUS);
  }

  private static final String HEAD = """
      package: ../packages/toastbus
      principals:
        alice: { user: 'S-1-5-21-1-2-3-1001', groups: [WD] }
      steps:
      """;

  private static final String OPEN = "  - open: { as: alice, path: '\\Device\\ToastPdo0' }\n    handle: h1\n";

  private static List<Step> drain(ScenarioStream s) throws InputException {
    List<Step> out = new ArrayList<>();
    for (Step step = s.next(); step != null; step = s.next()) {
      out.add(step);
    }
    return out;
  }

  @Test
  void streamedStepsEqualTheWholeRead() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "design", ScenarioFixtures.DESIGN_SCENARIO);
    LoadedScenario whole = reader.load(file);
    try (ScenarioStream s = reader.stream(file)) {
      assertEquals(List.of(), s.scenario().steps(), "the header holds no step");
      assertEquals(whole.scenario().principals(), s.scenario().principals());
      assertEquals(whole.pkg().name(), s.pkg().name());
      assertEquals(whole.scenario().steps(), drain(s));
      assertNull(s.next(), "the stream stays at its end");
    }
  }

  @Test
  void stepsMayComeBeforeWhatTheyReferTo() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "late", """
        steps:
          - open: { as: bob, path: '\\Device\\ToastPdo0', access: [FILE_READ_DATA] }
            handle: h1
          - ioctl: { handle: h1, code: IOCTL_TOAST_EJECT }
        principals:
          bob: { user: 'S-1-5-21-9-9-9-1002', groups: [WD] }
        target: winxp
        package: ../packages/toastbus
        """);
    try (ScenarioStream s = reader.stream(file)) {
      assertEquals(Target.WINXP, s.scenario().target());
      List<Step> steps = drain(s);
      assertEquals(2, steps.size());
      assertEquals("bob", assertInstanceOf(Scenario.Open.class, steps.get(0).action()).as().name());
      assertEquals(AccessMask.FILE_READ_DATA, ((Scenario.Open) steps.get(0).action()).access());
      assertEquals(2, steps.get(0).location().line());
    }
  }

  @Test
  void aBadStepIsReportedWhenReachedWithTheWholeReadsMessage() throws Exception {
    String text = HEAD + OPEN + "  - ioctl: { handle: h1, code: 0x222004 }\n" + "  - close: { handle: h2 }\n";
    Path file = ScenarioFixtures.scenario(dir, "bad", text);
    InputException whole = assertThrows(InputException.class, () -> reader.load(file));
    try (ScenarioStream s = reader.stream(file)) {
      assertEquals("step1", s.next().id());
      assertEquals("step2", s.next().id());
      InputException e = assertThrows(InputException.class, s::next);
      assertEquals(whole.getMessage(), e.getMessage());
      assertEquals("scenario_unknown_handle", e.code());
      assertEquals(8, e.line());
      assertEquals(file.toString(), e.file());
    }
  }

  @Test
  void theIteratorCarriesTheErrorUnchecked() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "bad", HEAD + OPEN + OPEN.replace("h1", "h2")
        + "  - id: step1\n    close: { handle: h1 }\n");
    try (ScenarioStream s = reader.stream(file)) {
      Iterator<Step> it = s.iterator();
      assertEquals("step1", it.next().id());
      assertEquals("step2", it.next().id());
      UncheckedInputException e = assertThrows(UncheckedInputException.class, it::hasNext);
      assertEquals("scenario_duplicate_step", e.getCause().code());
      assertEquals(9, e.getCause().line());
    }
  }

  @Test
  void syntaxErrorsAndDuplicateKeysAnywhereAreReportedBeforeAnyStep() throws Exception {
    Path dup = ScenarioFixtures.scenario(dir, "dup", HEAD + OPEN + OPEN.replace("    handle: h1\n", "    handle: h1\n    handle: h2\n"));
    InputException e = assertThrows(InputException.class, () -> reader.stream(dup));
    assertEquals("scenario_duplicate_key", e.code());
    assertEquals(9, e.line());
    assertTrue(e.getMessage().contains("steps[1].handle"), e.getMessage());

    Path syntax = ScenarioFixtures.scenario(dir, "syntax", HEAD + OPEN + "  - open: { as: alice\n");
    InputException s = assertThrows(InputException.class, () -> reader.stream(syntax));
    assertEquals("yaml_syntax_error", s.code());
    assertTrue(s.line() >= 7, s.getMessage());
  }

  @Test
  void aScenarioLongerThanSnakeYamlsDocumentLimitIsRead() throws Exception {
    // 3 M code points is SnakeYAML's default limit for a document; this one is about 5 M
    StringBuilder text = new StringBuilder(HEAD).append(OPEN);
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      text.append("  - id: s").append(i).append("\n    ioctl: { handle: h1, code: IOCTL_TOAST_EJECT }\n")
          .append("    expect: { decision: allow, requirement: IOCTL-2, rule: IoctlAllowed }\n");
    }
    assertTrue(text.length() > 4_000_000);
    Path file = ScenarioFixtures.scenario(dir, "long", text.toString());
    try (ScenarioStream s = reader.stream(file)) {
      assertEquals(n + 1, drain(s).size());
    }
  }

  @Test
  void aliasesResolveAcrossTheHeaderAndBetweenSteps() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "alias", """
        package: ../packages/toastbus
        principals:
          alice: { user: &who 'S-1-5-21-1-2-3-1001', groups: [WD, AU] }
        steps:
          - &first
            open: { as: alice, path: '\\Device\\ToastPdo0', access: &rights [FILE_READ_DATA] }
          - open: { as: alice, path: *who, access: *rights }
          - *first
        """);
    try (ScenarioStream s = reader.stream(file)) {
      List<Step> steps = drain(s);
      assertEquals(List.of("step1", "step2", "step3"), steps.stream().map(Step::id).toList());
      Scenario.Open second = (Scenario.Open) steps.get(1).action();
      assertEquals("S-1-5-21-1-2-3-1001", second.path(), "an anchor of the header");
      assertEquals(AccessMask.FILE_READ_DATA, second.access(), "an anchor of an earlier step");
      assertEquals(steps.get(0).action(), steps.get(2).action(), "a whole step aliased");
    }
  }

  @Test
  void emptyItemsAreSkippedAndScalarsRefused() throws Exception {
    Path file = ScenarioFixtures.scenario(dir, "gaps", HEAD + "  -\n" + OPEN + "  - {}\n"
        + "  - close: { handle: h1 }\n");
    List<Step> steps = reader.read(file).steps();
    assertEquals(List.of("step1", "step2"), steps.stream().map(Step::id).toList());

    Path scalar = ScenarioFixtures.scenario(dir, "scalar", HEAD + OPEN + "  - just text\n");
    InputException e = assertThrows(InputException.class, () -> reader.read(scalar));
    assertEquals("scenario_wrong_type", e.code());
    assertEquals(7, e.line());
    assertTrue(e.getMessage().contains("`steps[1]` must be a mapping, not `just text`"), e.getMessage());
  }

  @Test
  void stepsThatAreNotASequenceReadAsTheyAlwaysDid() throws Exception {
    Path none = ScenarioFixtures.scenario(dir, "none", "package: ../packages/toastbus\nsteps:\n");
    assertEquals(List.of(), reader.read(none).steps());
    Path text = ScenarioFixtures.scenario(dir, "text", "package: ../packages/toastbus\nsteps: everything\n");
    InputException e = assertThrows(InputException.class, () -> reader.read(text));
    assertEquals("scenario_wrong_type", e.code());
    assertEquals(2, e.line());
  }

  @Test
  void byteOrderMarkIsSkippedAndMalformedUtf8Refused() throws Exception {
    Path bom = ScenarioFixtures.scenario(dir, "bom", "\uFEFF" + HEAD + OPEN);
    assertEquals(1, reader.read(bom).steps().size());

    Path bad = dir.resolve("scenarios/latin1.scenario.yaml");
    byte[] head = (HEAD + OPEN).getBytes(StandardCharsets.UTF_8);
    byte[] tail = "  - id: caf\u00e9\n    close: { handle: h1 }\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    Files.write(bad, all);
    InputException e = assertThrows(InputException.class, () -> reader.stream(bad));
    assertEquals("scenario_encoding", e.code());
  }
}
