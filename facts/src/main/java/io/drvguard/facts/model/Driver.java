package io.drvguard.facts.model;

/** The {@code driver} section of a package manifest; its {@code name} names the package. */
public record Driver(
    String name,
    DriverRole role,
    String inf,
    boolean namespace,
    boolean exclusive,
    boolean needsStricterThanDefault,
    Dispatch dispatch,
    SourceLocation location) {}
