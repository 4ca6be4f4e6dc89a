package io.drvguard.facts.model;

/**
 * A finding: the rule that produced it, the requirement it traces to, and the subject (device
 * object id, IOCTL name, kernel object name…) within a package.
 */
public record Violation(
    String ruleId,
    String requirement,
    Severity severity,
    String packageName,
    String subject,
    String message,
    SourceLocation location,
    boolean waived) {

  public Violation withSeverity(Severity s) {
    return new Violation(ruleId, requirement, s, packageName, subject, message, location, waived);
  }

  public Violation withWaived(boolean w) {
    return new Violation(ruleId, requirement, severity, packageName, subject, message, location, w);
  }
}
