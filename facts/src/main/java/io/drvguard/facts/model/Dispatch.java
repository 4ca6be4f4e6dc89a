package io.drvguard.facts.model;

/**
 * What the driver's {@code IRP_MJ_CREATE} handler does ({@code driver.dispatch}).
 *
 * @param failsRelatedOpen it fails an open relative to a handle of its device (NS-6)
 * @param failsNamespaceOpen it fails an open of a name below its device (NS-8)
 * @param checksFileAcl it checks a namespace open against the file object's own descriptor (NS-10)
 * @param enforcesExclusive it fails a second open itself, counting the handles of its stack (NS-5)
 */
public record Dispatch(
    boolean failsRelatedOpen,
    boolean failsNamespaceOpen,
    boolean checksFileAcl,
    boolean enforcesExclusive) {

  /** A handler that does none of these. */
  public static final Dispatch NONE = new Dispatch(false, false, false, false);
}
