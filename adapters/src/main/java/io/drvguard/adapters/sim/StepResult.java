package io.drvguard.adapters.sim;

import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import java.util.Objects;

/**
 * What one step did: the request the model resolved it into and the decision the decider gave.
 * Both are null for a {@code close} step, which is not decided.
 */
public record StepResult(Scenario.Step step, Request request, Decision decision) {
  public StepResult {
    Objects.requireNonNull(step, "step");
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
