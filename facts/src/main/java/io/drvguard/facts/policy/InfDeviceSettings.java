package io.drvguard.facts.policy;

import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.SourceLocation;

/**
 * The device-object properties a package's INF sets (INF-1), one per key kind (HW or CLASS) that
 * has any. Numeric fields are null when the INF does not set them or writes them malformed (the
 * malformed entry is an INF-2 finding); {@code security} is the SDDL text as written.
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

  public boolean setsSecurity() {
    return security != null;
  }

  public boolean setsCharacteristics() {
    return characteristics != null;
  }
}
