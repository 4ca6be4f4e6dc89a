package io.drvguard.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.ScenarioFixtures;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {
  @TempDir Path dir;
  Simulation sim;
  final List<String> asked = new ArrayList<>();

  @BeforeEach
  void load() throws Exception {
    ScenarioFixtures.pkg(dir, "toastbus", ScenarioFixtures.TOASTBUS);
    LoadedScenario loaded = new ScenarioReader().load(ScenarioFixtures.scenario(dir, "design", ScenarioFixtures.DESIGN_SCENARIO));
    sim = Simulation.of(loaded);
  }

  Function<Request, Decision> all(Verdict v, NtStatus status, String rule) {
    return r -> {
      asked.add(r.id());
      return new Decision(r.id(), v, status, r instanceof OpenRequest o ? o.desiredAccess() : 0, r.defaultRequirement(), rule,
          "", List.of(rule));
    };
  }

  @Test
  void streamsOneResultPerStepInOrder() {
    List<StepResult> results = sim.run(all(Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "deny-all")).toList();
    String prefix = "unprivileged user against the raw PDO#";
    assertEquals(List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7").stream().map(s -> prefix + s).toList(),
        results.stream().map(r -> r.request().id()).toList());
    assertEquals(List.of("open", "open", "ioctl", "relativeOpen", "forward", "createObject", "openObject"),
        results.stream().map(r -> r.request().kind()).toList());
    assertEquals(asked, results.stream().map(r -> r.request().id()).toList());
    assertTrue(results.stream().allMatch(Simulation::expectationMet), "every expectation of the example is a deny");
  }

  /** What a decider returns with its decision (an engine's evaluation) comes back with the step. */
  record Outcome(Decision decision, String note) implements io.drvguard.facts.request.Decided {}

  @Test
  void eachStepCarriesWhatTheDeciderReturned() {
    Function<Request, Decision> deny = all(Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "deny-all");
    List<StepResult> results = sim.run(r -> new Outcome(deny.apply(r), "for " + r.id())).toList();
    assertEquals(7, results.size());
    for (StepResult r : results) {
      Outcome o = (Outcome) r.outcome();
      assertEquals("for " + r.request().id(), o.note());
      assertEquals(o.decision(), r.decision());
    }
    // a decider that gives the decision alone: the decision is the outcome
    StepResult plain = sim.run(deny).findFirst().orElseThrow();
    assertEquals(plain.decision(), plain.outcome());
  }

  @Test
  void theStreamIsLazyAndEveryRunStartsFresh() {
    assertEquals(2, sim.run(all(Verdict.ALLOW, NtStatus.STATUS_SUCCESS, "allow-all")).limit(2).count());
    assertEquals(2, asked.size());
    asked.clear();
    List<StepResult> first = sim.run(all(Verdict.ALLOW, NtStatus.STATUS_SUCCESS, "allow-all")).toList();
    List<StepResult> second = sim.run(all(Verdict.ALLOW, NtStatus.STATUS_SUCCESS, "allow-all")).toList();
    assertEquals(first.stream().map(StepResult::request).toList(), second.stream().map(StepResult::request).toList());
    assertEquals(0, ((OpenRequest) first.get(0).request()).openHandles());
  }

  @Test
  void mismatchesNameEveryFieldThatDiffers() {
    List<StepResult> results = sim.run(all(Verdict.ALLOW, NtStatus.STATUS_SUCCESS, "allow-all")).toList();
    StepResult s1 = results.get(0);
    assertFalse(Simulation.expectationMet(s1));
    assertEquals(List.of("decision: expected deny, got allow", "status: expected STATUS_ACCESS_DENIED, got STATUS_SUCCESS"),
        Simulation.mismatches(s1));
    assertTrue(Simulation.expectationMet(results.get(2)), "s3 expects nothing");

    Scenario.Step withRule = new Scenario.Step("x", s1.step().action(), null,
        new Scenario.Expectation(Verdict.ALLOW, null, "NS-2", "ns-open-allowed"), s1.step().location());
    StepResult r = new StepResult(withRule, s1.request(), s1.decision());
    assertEquals(List.of("requirement: expected NS-2, got NS-1", "rule: expected ns-open-allowed, got allow-all"),
        Simulation.mismatches(r));
    // a guarded rule that voted, whether it decided or was outvoted
    Scenario.Step guarding = new Scenario.Step("g", s1.step().action(), null,
        new Scenario.Expectation(null, null, null, null, List.of("allow-all", "other")), s1.step().location());
    assertEquals(List.of("guards: allow-all voted and decided"),
        Simulation.mismatches(new StepResult(guarding, s1.request(), s1.decision())));
    io.drvguard.facts.request.Decision outvoted = new io.drvguard.facts.request.Decision(s1.request().id(), Verdict.DENY,
        NtStatus.STATUS_ACCESS_DENIED, 0, "NS-1", "deny-all", "", List.of("deny-all", "other"));
    assertEquals(List.of("guards: other voted (decided by deny-all)"),
        Simulation.mismatches(new StepResult(guarding, s1.request(), outvoted)));
    StepResult undecided = new StepResult(withRule, null, null);
    assertEquals(List.of("expected a decision, but the step was not decided"), Simulation.mismatches(undecided));
    assertTrue(Simulation.expectationMet(new StepResult(new Scenario.Step("c", new Scenario.Close("h1"), null, null, null), null, null)));
  }

  @Test
  void appliesAllowsAcrossSteps() {
    List<StepResult> results = sim.run(all(Verdict.ALLOW, NtStatus.STATUS_SUCCESS, "allow-all")).toList();
    OpenRequest relative = (OpenRequest) results.get(3).request();
    assertTrue(relative.found(), "s1 was allowed, so h1 is open for s4");
    assertEquals(2, relative.openHandles(), "s1 opened h1 and s2 opened the namespace without a handle on the same stack");
    assertEquals("eventMonitor", ((io.drvguard.facts.request.ObjectOpenRequest) results.get(6).request()).creatorContext());
  }
}
