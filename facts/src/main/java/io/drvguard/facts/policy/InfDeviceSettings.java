package io.drvguard.facts.policy;

import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.SourceLocation;

/**
 * The device-object properties a package's INF sets (INF-1), one per key kind (HW or CLASS) that
 * has any. Numeric fields are null when the INF does not set them or writes them malformed (the
 * malformed entry is an INF-2 finding); {@code security} is the SDDL text as written.
 *
 * @param packageName the package
 * @param infFile the INF's file name
 * @param keyKind the key the values are written to: HW (the device) or CLASS (its setup class)
 * @param security the {@code Security} value (SDDL); null when not set
 * @param securityLocation where the {@code Security} value is written
 * @param characteristics the {@code DeviceCharacteristics} value; null when not set or malformed
 * @param characteristicsLocation where the {@code DeviceCharacteristics} value is written
 * @param exclusive the {@code Exclusive} value; null when not set or malformed
 * @param deviceType the {@code DeviceType} value; null when not set or malformed
 */
public record InfDeviceSettings(
    String packageName,
    String infFile,
    RegistryKeyKind keyKind,
    String security,
    SourceLocation securityLocation,
    Integer characteristics,
    SourceLocation characteristicsLocation,
    Boolean exclusive,
    Integer deviceType) {

  /** True when the INF sets {@code Security}. */
  public boolean setsSecurity() {
    return security != null;
  }

  /** True when the INF sets a well-formed {@code DeviceCharacteristics}. */
  public boolean setsCharacteristics() {
    return characteristics != null;
  }
}
