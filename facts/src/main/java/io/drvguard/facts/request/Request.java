package io.drvguard.facts.request;

/**
 * A runtime request the device model has resolved into facts: who asks, what for, and everything
 * the I/O manager and the driver would look at. Decision rules match on the concrete records.
 */
public sealed interface Request
    permits OpenRequest, IoctlRequest, ForwardRequest, ObjectCreateRequest, ObjectOpenRequest {
  /** Unique within a run, e.g. {@code scenario-name#s1}. */
  String id();

  /** {@code open}, {@code relativeOpen}, {@code ioctl}, {@code forward}, {@code createObject} or {@code openObject}. */
  String kind();

  /** The principal's name in the scenario. */
  String principal();

  /** What the request is aimed at: a device path, an IOCTL name, a kernel object name. */
  String target();

  /** The requirement that answers this kind of request when nothing else does (fail closed). */
  String defaultRequirement();

  /**
   * The package and place the request comes from ({@link Origin#UNKNOWN} for one built by hand
   * without them): the findings its evaluation reports carry them.
   */
  Origin origin();
}
