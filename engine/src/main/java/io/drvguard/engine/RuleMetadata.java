package io.drvguard.engine;

import io.drvguard.facts.model.Severity;

/**
 * A rule's {@code @id @requirement @severity @title} metadata, plus where it came from:
 * {@code bundled} or the external DRL file's path.
 */
public record RuleMetadata(String id, String requirement, Severity severity, String title, String source) {}
