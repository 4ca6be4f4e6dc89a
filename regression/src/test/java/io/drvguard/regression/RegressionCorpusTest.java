package io.drvguard.regression;

import io.drvguard.library.verify.CaseOutcome;
import io.drvguard.library.verify.CaseRunner;
import io.drvguard.library.verify.PackageCase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.sim.Simulation;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import io.drvguard.engine.RequirementCatalog;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the whole corpus ({@link Corpus}): every package case under {@code regression/cases} and
 * every scenario under {@code regression/scenarios} and {@code examples/}, one dynamic test each,
 * so what the cases claim (the rules they expect and guard) is true; then checks that every
 * requirement is covered by the right kind of case. Rule coverage is {@link RuleCatalogTest}'s.
 */
class RegressionCorpusTest {
  static Engine engine;
  static List<PackageCase> cases;
  /** Every decided step of every scenario, filled by the scenario tests' shared run. */
  static final List<StepResult> STEPS = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    Corpus corpus = Corpus.get();
    engine = corpus.engine;
    cases = corpus.cases;
    for (LoadedScenario s : corpus.scenarios) {
      Simulation.of(s).run(engine::decide).filter(StepResult::decided).forEach(STEPS::add);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScenarioStepHoldsItsExpectation() {
    return STEPS.stream().filter(r -> r.step().expect() != null).map(r -> DynamicTest.dynamicTest(
        r.request().id() + " (" + r.step().location() + ")",
        () -> assertTrue(Simulation.expectationMet(r), () -> r.step().location() + ": " + r.request().id() + ": "
            + String.join("; ", Simulation.mismatches(r)) + " (decided by " + r.decision().ruleId() + ": "
            + r.decision().reason() + ")")));
  }

  @Test
  void everyDecisionRequirementHasAnAllowAndADenyScenario() {
    for (RequirementCatalog.Requirement req : RequirementCatalog.bundled().all().values()) {
      if (!req.kind().startsWith("D")) {
        continue;
      }
      // an allow can be decided under another requirement (an open NS-2 lets through is
      // granted under NS-11), so a step counts when decided under the requirement or filed under it
      String folder = "scenarios/" + req.id() + "/";
      for (Verdict v : Verdict.values()) {
        // the examples illustrate; the requirement's own scenarios are what must show both outcomes
        assertTrue(STEPS.stream().filter(r -> Path.of(r.step().location().file()).startsWith(Corpus.SCENARIOS))
            .anyMatch(r -> r.step().expect() != null && r.decision().verdict() == v
                && (r.decision().requirement().equals(req.id())
                    || r.step().location().file().replace('\\', '/').contains(folder))),
            () -> req.id() + " has no scenario step with an expected " + v.id() + " under " + folder);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCaseHoldsItsExpectations() {
    CaseRunner runner = new CaseRunner(engine);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
      CaseOutcome outcome = runner.run(c);
      assertTrue(outcome.passed(), () -> c.id() + ": " + String.join("\n  ", outcome.problems()));
    }));
  }

  @Test
  void everyStaticRequirementHasBothKindsOfPackageCase() {
    Set<String> requirements = RequirementCatalog.bundled().all().values().stream()
        .filter(r -> r.kind().contains("V")).map(RequirementCatalog.Requirement::id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertFalse(requirements.isEmpty());
    for (String req : requirements) {
      assertTrue(cases.stream().anyMatch(c -> c.requirement().equals(req) && c.compliant()),
          () -> req + " has no compliant case under regression/cases/" + req + "/compliant");
      assertTrue(cases.stream().anyMatch(c -> c.requirement().equals(req) && !c.compliant()),
          () -> req + " has no non-compliant case under regression/cases/" + req + "/noncompliant");
    }
  }

  @Test
  void caseFoldersNameKnownRequirements() {
    for (PackageCase c : cases) {
      assertTrue(RequirementCatalog.bundled().contains(c.requirement()),
          () -> c.directory() + ": `" + c.requirement() + "` is not a requirement ID");
    }
  }
}
