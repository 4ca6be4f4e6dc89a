package io.drvguard.cli;

import io.drvguard.engine.FiredRule;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.request.Decision;
import java.util.List;

/**
 * One simulated step's decision as the writers show it (DESIGN.md "JSON output", decisions).
 *
 * @param expected the expected verdict ({@code allow}/{@code deny}) or null when the step has no expectation
 * @param met null when the step has no expectation
 * @param mismatches what did not match the expectation (empty when met or unexpected)
 */
record DecisionRecord(
    String scenario,
    String step,
    String request,
    String principal,
    String target,
    Decision decision,
    String expected,
    Boolean met,
    List<String> mismatches,
    SourceLocation location,
    List<FiredRule> trace) {

  DecisionRecord {
    mismatches = List.copyOf(mismatches);
    trace = List.copyOf(trace);
  }
}
