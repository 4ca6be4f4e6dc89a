package io.drvguard.facts.model;

/**
 * A finding: the rule that produced it, the requirement it traces to, and the subject (device
 * object id, IOCTL name, kernel object name…) within a package.
 *
 * @param waived a waiver in force covers it: it is reported but does not fail the run
 * @param waiverReason the covering waiver's reason; null when not waived (or waived without one)
 */
public record Violation(
    String ruleId,
    String requirement,
    Severity severity,
    String packageName,
    String subject,
    String message,
    SourceLocation location,
    boolean waived,
    String waiverReason) {

  public Violation {
    waiverReason = waived ? waiverReason : null;
  }

  /** A finding without a waiver's reason. */
  public Violation(String ruleId, String requirement, Severity severity, String packageName, String subject,
      String message, SourceLocation location, boolean waived) {
    this(ruleId, requirement, severity, packageName, subject, message, location, waived, null);
  }

  /** This finding with another severity. */
  public Violation withSeverity(Severity s) {
    return new Violation(ruleId, requirement, s, packageName, subject, message, location, waived, waiverReason);
  }

  /** This finding waived (without a reason) or not. */
  public Violation withWaived(boolean w) {
    return new Violation(ruleId, requirement, severity, packageName, subject, message, location, w, null);
  }

  /** This finding waived by a waiver that gives {@code reason}. */
  public Violation withWaiver(String reason) {
    return new Violation(ruleId, requirement, severity, packageName, subject, message, location, true, reason);
  }
}
