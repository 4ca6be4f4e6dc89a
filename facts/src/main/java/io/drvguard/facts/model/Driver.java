package io.drvguard.facts.model;

/** The {@code driver} section of a package manifest. */
public record Driver(
    String packageName,
    String name,
    DriverRole role,
    String inf,
    boolean namespace,
    boolean exclusive,
    boolean needsStricterThanDefault,
    Dispatch dispatch,
    SourceLocation location) {}
