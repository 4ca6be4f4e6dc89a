package io.drvguard.engine;

import io.drvguard.facts.model.Severity;

/**
 * A rule's {@code @id @requirement @severity @title} metadata, plus where it came from
 * ({@code bundled} or the external DRL file's path) and whether it decides runtime requests (its
 * package declares a {@code DecisionSink} global) rather than checking packages. A decision rule
 * that only votes has no severity (null); one that also reports a hole as a finding has the
 * severity of that finding. A check rule that reports nothing is an inference rule (no severity).
 */
public record RuleMetadata(String id, String requirement, Severity severity, String title, String source,
    boolean decision, int stage) {

  /**
   * A rule without {@code @stage}: stage 0. {@code stage} ({@code @stage(N)}, decision rules) is the
   * step of Windows' decision the rule stands for; when several rules deny one request, the deny of
   * the highest stage is the one reported (see {@link Votes}).
   */
  public RuleMetadata(String id, String requirement, Severity severity, String title, String source,
      boolean decision) {
    this(id, requirement, severity, title, source, decision, 0);
  }

  /**
   * The severity's name, or the kind of a rule that has none: {@code decision} for a decision rule
   * that only votes, {@code inference} for a check rule that only derives facts other rules match.
   */
  public String severityOrKind() {
    return severity != null ? severity.id() : decision ? "decision" : "inference";
  }

  /** A check rule that reports nothing: it derives facts (inserts them) that other rules match. */
  public boolean inference() {
    return !decision && severity == null;
  }

  /** A static-check rule. */
  public RuleMetadata(String id, String requirement, Severity severity, String title, String source) {
    this(id, requirement, severity, title, source, false);
  }
}
