package io.drvguard.facts.model;

/** The {@code driver.role} of a manifest. */
public enum DriverRole {
  BUS,
  FUNCTION,
  FILTER,
  LEGACY,
  STILLIMAGE,
  FILESYSTEM;

  public boolean isPnp() {
    return this != LEGACY;
  }
}
