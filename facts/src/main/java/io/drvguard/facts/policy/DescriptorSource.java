package io.drvguard.facts.policy;

/** Where a device object's effective security descriptor comes from (M-1), in precedence order. */
public enum DescriptorSource {
  /** The INF's hardware-key {@code Security} value; applies to the whole stack. */
  INF_DEVICE,
  /** The setup-class key's {@code Security} value (INF {@code ClassInstall32}). */
  INF_CLASS,
  /** The SDDL passed to {@code IoCreateDeviceSecure}. */
  CREATION,
  /** Nothing else applies: the PnP manager's (configurable) default. */
  DEFAULT
}
