package io.drvguard.library;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.util.List;

/**
 * What {@link Drvguard#check} found under some paths: the findings of each package read (waivers
 * applied), remarks on the inputs, and the inputs that could not be read. An unreadable input
 * does not stop the others from being checked, so look at {@link #errors()} before trusting an
 * empty result.
 *
 * @param packages one result per package checked, in the order they were found
 * @param notes remarks that are no findings: a skipped link, an undefined INF string, an expired waiver
 * @param errors inputs that could not be found, read or scanned, each with its file and line
 */
public record Findings(List<CheckResult> packages, List<Note> notes, List<InputException> errors) {
  public Findings {
    packages = List.copyOf(packages);
    notes = List.copyOf(notes);
    errors = List.copyOf(errors);
  }

  /** Every finding of every package, waived ones included (each says whether it is). */
  public List<Violation> violations() {
    return packages.stream().flatMap(p -> p.violations().stream()).toList();
  }

  /**
   * True when every input was read and no finding that is not waived is at or above {@code level}
   * (as {@code drvguard check --fail-on} judges a run).
   */
  public boolean passes(Severity level) {
    return errors.isEmpty()
        && violations().stream().noneMatch(v -> !v.waived() && v.severity().atLeast(level));
  }
}
