package io.drvguard.cli;

import io.drvguard.facts.model.Severity;

/** Values of {@code --fail-on}: the least severe finding that makes the exit status 1. */
enum FailOn {
  error(Severity.ERROR),
  warning(Severity.WARNING),
  info(Severity.INFO),
  never(null);

  private final Severity threshold;

  FailOn(Severity threshold) {
    this.threshold = threshold;
  }

  boolean fails(Severity s) {
    return threshold != null && s.atLeast(threshold);
  }
}
