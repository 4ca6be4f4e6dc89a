package io.drvguard.adapters.sim;

import io.drvguard.facts.model.SourceLocation;

/**
 * A step the model cannot resolve against its package: a kernel object the package does not
 * declare, a code that is neither an IOCTL of the package nor a control code. {@link
 * io.drvguard.adapters.scenario.ScenarioReader#load} rejects these at read time; this is the run
 * time guard for scenarios built in code. Rendered {@code file:line: message}.
 */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;
  private final String stepId;

  public SimulationException(SourceLocation location, String stepId, String detail) {
    super((location == null ? "<scenario>" : location.toString()) + ": scenario_bad_value: step `" + stepId + "`: " + detail);
    this.location = location;
    this.stepId = stepId;
  }

  /** Where the step is written, or null. */
  public SourceLocation location() {
    return location;
  }

  public String stepId() {
    return stepId;
  }
}
