package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.UncheckedInputException;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.adapters.scenario.ScenarioStream;
import io.drvguard.adapters.sim.Simulation;
import io.drvguard.adapters.sim.SimulationException;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.engine.Engine;
import io.drvguard.engine.Evaluation;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a scenario through the device model with the engine as its decider, handing each decided
 * step to {@code sink} as it comes. Steps are read one at a time too ({@link ScenarioStream}), so
 * nothing is held per step and a scenario of any length runs in bounded memory.
 */
final class ScenarioRunner {
  private final Engine engine;
  private final boolean explain;
  private final RuleDocs docs;

  ScenarioRunner(Engine engine, boolean explain) {
    this(engine, explain, RuleDocs.bundled());
  }

  /** With {@code explain}, each decision carries the doc of the rule that decided, from {@code docs}. */
  ScenarioRunner(Engine engine, boolean explain, RuleDocs docs) {
    this.engine = engine;
    this.explain = explain;
    this.docs = docs;
  }

  /**
   * A decided step as written, its decision and the violations its evaluation reported (holes
   * Windows lets a caller through).
   */
  record Outcome(io.drvguard.adapters.scenario.Scenario.Step step, DecisionRecord record, List<Violation> violations) {}

  /**
   * Reads, runs and reports one scenario; returns the number of decided steps. Steps are read as
   * they are run: a step that does not read ends the run with its error, after the steps before it
   * have gone to {@code sink}.
   */
  long run(Path file, Consumer<Outcome> sink) throws InputException {
    try (ScenarioStream stream = new ScenarioReader(new io.drvguard.source.PackageDirectories()).stream(file)) {
      return run(file, stream, sink);
    } catch (UncheckedInputException e) {
      throw e.getCause();
    }
  }

  private long run(Path file, ScenarioStream stream, Consumer<Outcome> sink) throws InputException {
    Simulation sim = new Simulation(stream.scenario(), stream.pkg(), engine.settings().policy());
    String name = stream.scenario().name();
    // each step comes back with the engine's whole evaluation (findings and fired rules)
    Iterator<StepResult> it = Simulation.run(sim.newModel(), stream.iterator(),
        request -> engine.evaluate(request, explain));
    long decided = 0;
    while (true) {
      StepResult r;
      try {
        if (!it.hasNext()) {
          break;
        }
        r = it.next();
      } catch (SimulationException e) {
        SourceLocation at = e.location();
        throw new InputException(at == null ? file.toString() : at.file(), at == null ? 0 : at.line(),
            at == null ? 0 : at.column(), "scenario_step_error", e.getMessage());
      }
      io.drvguard.library.verify.StepGuards.check(r.step(), engine.ruleBase().rules());
      if (!r.decided()) {
        continue;
      }
      decided++;
      Decision d = r.decision();
      Evaluation evaluation = (Evaluation) r.outcome();
      var step = r.step();
      Boolean met = step.expect() == null ? null : Simulation.expectationMet(r);
      List<String> mismatches = step.expect() == null ? List.of() : Simulation.mismatches(r);
      DecisionRecord rec = new DecisionRecord(name, step.id(), r.request().kind(),
          r.request().principal(), r.request().target(), d,
          step.expect() == null || step.expect().decision() == null ? null : step.expect().decision().id(),
          met, mismatches, step.location(), evaluation.trace(), explain ? doc(d.ruleId()) : null);
      // the findings carry the package and the step's line (the request's origin); the report names
      // the step by its id, not the request's
      List<Violation> vs = evaluation.violations().stream().map(v -> new Violation(v.ruleId(), v.requirement(),
          v.severity(), v.packageName(), step.id(), v.message(), v.location(), v.waived())).toList();
      sink.accept(new Outcome(step, rec, vs));
    }
    return decided;
  }

  /** The doc of the rule that decided; none for {@code FailClosed}, which is no rule of the base. */
  private io.drvguard.engine.RuleDoc doc(String ruleId) {
    RuleMetadata rule = engine.ruleBase().rules().get(ruleId);
    return rule == null ? null : docs.of(rule).orElse(null);
  }
}
