package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a command found, ready for any writer: the findings of every package it could read, and
 * the inputs it could not read (which make the exit status 2 once the report is written), and
 * notes about inputs that were read but look wrong without being a finding, and the rules that ran
 * (for formats that describe them, such as SARIF).
 */
record Report(
    List<CheckResult> packages,
    List<InputException> errors,
    List<Note> notes,
    List<DecisionRecord> decisions,
    List<RuleMetadata> rules) {
  Report {
    packages = List.copyOf(packages);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
    decisions = List.copyOf(decisions);
    rules = List.copyOf(rules);
  }

  long allowed() {
    return decisions.stream().filter(d -> d.decision().allowed()).count();
  }

  long expectationsPassed() {
    return decisions.stream().filter(d -> Boolean.TRUE.equals(d.met())).count();
  }

  long expectationsFailed() {
    return decisions.stream().filter(d -> Boolean.FALSE.equals(d.met())).count();
  }

  List<Violation> violations() {
    List<Violation> all = new ArrayList<>();
    packages.forEach(p -> all.addAll(p.violations()));
    return all;
  }

  /** Counts of unwaived findings per severity. */
  Map<Severity, Integer> counts() {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      m.put(s, 0);
    }
    for (Violation v : violations()) {
      if (!v.waived()) {
        m.merge(v.severity(), 1, Integer::sum);
      }
    }
    return m;
  }

  /** Exit status 1: a finding at or above the threshold, or a failed expectation. */
  boolean fails(FailOn failOn) {
    return expectationsFailed() > 0 || violations().stream().anyMatch(v -> !v.waived() && failOn.fails(v.severity()));
  }
}
