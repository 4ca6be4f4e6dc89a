package io.drvguard.facts.model;

/** The {@code deviceObjects[].kind} of a manifest. */
public enum DeviceObjectKind {
  PDO,
  FDO,
  FILTER,
  CONTROL,
  LEGACY,
  VOLUME;

  /** FDOs and filter device objects attach to a PnP device stack above the PDO. */
  public boolean attachesToStack() {
    return this == FDO || this == FILTER;
  }
}
