package io.drvguard.facts.model;

/** The {@code deviceObjects[].kind} of a manifest. */
public enum DeviceObjectKind {
  /** Physical device object, created by a bus driver: the bottom of a PnP stack. */
  PDO,
  /** Functional device object, created by the function driver and attached above the PDO. */
  FDO,
  /** Filter device object, attached above or below the FDO. */
  FILTER,
  /** Control device object: a standalone object a PnP driver creates to be opened by name. */
  CONTROL,
  /** Device object of a legacy (non-PnP) driver. */
  LEGACY,
  /** Volume device object of a file system or storage stack. */
  VOLUME;

  /** FDOs and filter device objects attach to a PnP device stack above the PDO. */
  public boolean attachesToStack() {
    return this == FDO || this == FILTER;
  }
}
