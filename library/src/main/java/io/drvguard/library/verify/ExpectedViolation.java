package io.drvguard.library.verify;

import io.drvguard.facts.model.Violation;

/**
 * One finding a case expects, as {@code expected.json} writes it. Every field but
 * {@code requirement} is optional; {@code message} is a substring of the finding's message.
 */
public record ExpectedViolation(String requirement, String ruleId, String subject, String severity, String message) {
  public boolean matches(Violation v) {
    return requirement.equals(v.requirement())
        && (ruleId == null || ruleId.equals(v.ruleId()))
        && (subject == null || subject.equals(v.subject()))
        && (severity == null || severity.equals(v.severity().id()))
        && (message == null || v.message().contains(message));
  }

  @Override
  public String toString() {
    return requirement + (ruleId == null ? "" : " " + ruleId) + (subject == null ? "" : " subject=" + subject)
        + (severity == null ? "" : " severity=" + severity) + (message == null ? "" : " message~`" + message + "`");
  }
}
