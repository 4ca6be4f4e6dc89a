package io.drvguard.facts.model;

/**
 * Where rule consequences report findings. Rules pass their own rule name (which equals
 * {@code @id}); the engine adds requirement and severity from the rule's metadata, so a rule
 * cannot report under a requirement it does not declare.
 */
public interface ViolationSink {
  /** Reports a finding of rule {@code ruleId} about {@code subject} of package {@code packageName}. */
  void violation(String ruleId, String packageName, String subject, String message, SourceLocation location);
}
