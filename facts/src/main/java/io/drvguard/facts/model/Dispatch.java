package io.drvguard.facts.model;

/** What the driver's {@code IRP_MJ_CREATE} handler does ({@code driver.dispatch}). */
public record Dispatch(
    boolean failsRelatedOpen,
    boolean failsNamespaceOpen,
    boolean checksFileAcl,
    boolean enforcesExclusive) {

  public static final Dispatch NONE = new Dispatch(false, false, false, false);
}
