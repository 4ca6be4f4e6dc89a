package io.drvguard.cli;

import io.drvguard.engine.FiredRule;
import io.drvguard.engine.RuleDoc;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.request.Decision;
import java.util.List;

/**
 * One simulated step's decision as the writers show it (DESIGN.md "JSON output", decisions). Public
 * for the {@code streams} module, which writes and prints its decisions as {@code simulate} does
 * ({@link DecisionReport}).
 *
 * @param expected the expected verdict ({@code allow}/{@code deny}) or null when the step has no expectation
 * @param met null when the step has no expectation
 * @param mismatches what did not match the expectation (empty when met or unexpected)
 * @param doc with {@code --explain}, the doc of the rule that decided, when it has one; else null
 */
public record DecisionRecord(
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
    List<FiredRule> trace,
    RuleDoc doc) {

  /** Copies the lists. */
  public DecisionRecord {
    mismatches = List.copyOf(mismatches);
    trace = List.copyOf(trace);
  }

  /** A decision without its rule's doc. */
  public DecisionRecord(String scenario, String step, String request, String principal, String target, Decision decision,
      String expected, Boolean met, List<String> mismatches, SourceLocation location, List<FiredRule> trace) {
    this(scenario, step, request, principal, target, decision, expected, met, mismatches, location, trace, null);
  }

  /** Where the full doc is, as the explanation shows it: the command that prints it, or an author's file. */
  static String docReference(RuleDoc doc) {
    return doc.bundled() ? "drvguard rules doc " + doc.ruleId() : doc.file();
  }
}
