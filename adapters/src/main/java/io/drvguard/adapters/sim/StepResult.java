package io.drvguard.adapters.sim;

import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.facts.request.Decided;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import java.util.Objects;

/**
 * What one step did: the request the model resolved it into, the decision the decider gave, and
 * what the decider returned with it ({@code outcome}: an engine's whole evaluation when the decider
 * gives one, else the decision itself). All are null for a {@code close} step, which is not decided.
 */
public record StepResult(Scenario.Step step, Request request, Decision decision, Decided outcome) {
  public StepResult {
    Objects.requireNonNull(step, "step");
  }

  /** A step whose decider returned the decision alone. */
  public StepResult(Scenario.Step step, Request request, Decision decision) {
    this(step, request, decision, decision);
  }

  /** A step decided by {@code outcome}. */
  static StepResult of(Scenario.Step step, Request request, Decided outcome) {
    return new StepResult(step, request, outcome.decision(), outcome);
  }

  /** True when the step was put to the decider. */
  public boolean decided() {
    return decision != null;
  }

  /** True when the step was decided and allowed. */
  public boolean allowed() {
    return decision != null && decision.allowed();
  }
}
