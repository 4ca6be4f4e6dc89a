package io.drvguard.engine;

import io.drvguard.facts.model.Severity;

/**
 * A rule's {@code @id @requirement @severity @title} metadata, plus where it came from
 * ({@code bundled} or the external DRL file's path) and whether it decides runtime requests (its
 * package declares a {@code DecisionSink} global) rather than checking packages.
 */
public record RuleMetadata(String id, String requirement, Severity severity, String title, String source,
    boolean decision) {

  /** A static-check rule. */
  public RuleMetadata(String id, String requirement, Severity severity, String title, String source) {
    this(id, requirement, severity, title, source, false);
  }
}
