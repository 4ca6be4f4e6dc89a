package io.drvguard.cli;

import io.drvguard.library.Note;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.RuleMetadata;
import java.util.List;

/**
 * A whole report held in memory, for {@link ReportWriter#write}: the findings of every package
 * that could be read, the inputs that could not (which make the exit status 2), notes about inputs
 * that were read but look wrong without being a finding, the decisions, and the rules that ran
 * (for formats that describe them, such as SARIF). The commands do not build one: they stream
 * through a {@link ReportSink}.
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
}
