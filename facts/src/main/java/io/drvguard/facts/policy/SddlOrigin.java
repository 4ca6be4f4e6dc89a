package io.drvguard.facts.policy;

/** Where an SDDL string in a package comes from; the device-object subset applies only to CREATION. */
public enum SddlOrigin {
  /** The {@code DefaultSDDLString} passed to {@code IoCreateDeviceSecure}. */
  CREATION,
  /** An INF {@code HKR,,Security} value (full SDDL allowed). */
  INF,
  /** A named kernel object's descriptor (still-image minidrivers). */
  KERNEL_OBJECT
}
