package io.drvguard.facts.inf;

/**
 * Which registry key an INF {@code HKR} line lands in, by the install section that reaches it:
 * a {@code DDInstall.HW} section writes the device's hardware key (HW), {@code ClassInstall32}
 * the setup-class key (CLASS), and {@code DDInstall} itself the driver's software key (SOFTWARE),
 * which holds no device-object properties.
 */
public enum RegistryKeyKind {
  HW,
  CLASS,
  SOFTWARE
}
