package io.drvguard.facts.model;

/** The {@code driver.role} of a manifest. */
public enum DriverRole {
  /** Bus driver: creates the PDOs of the devices on its bus. */
  BUS,
  /** Function driver: creates the FDO of a PnP device. */
  FUNCTION,
  /** Filter driver: attaches filter device objects to another driver's stack. */
  FILTER,
  /** Legacy (non-PnP) driver: creates its device objects itself in DriverEntry. */
  LEGACY,
  /** User-mode still-image (WIA/STI) minidriver. */
  STILLIMAGE,
  /** File system driver. */
  FILESYSTEM;

  /** True for every role but LEGACY: the driver's device objects are added through PnP. */
  public boolean isPnp() {
    return this != LEGACY;
  }
}
