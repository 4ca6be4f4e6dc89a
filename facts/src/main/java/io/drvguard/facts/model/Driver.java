package io.drvguard.facts.model;

/**
 * The {@code driver} section of a package manifest; its {@code name} names the package.
 *
 * @param name the package's name ({@code driver.name})
 * @param role bus, function, filter, legacy, still-image or file-system driver
 * @param inf the package's INF file, relative to the package directory; null when none
 * @param namespace the driver supports opens of names below its device ({@code \Device\Name\something})
 * @param exclusive the device is meant to have one open handle at a time
 * @param needsStricterThanDefault the device needs a stricter descriptor than the PnP default (OBJ-3)
 * @param dispatch what its {@code IRP_MJ_CREATE} handler does
 * @param location where the {@code driver} section is written
 * @param framework the driver model ({@code driver.framework}, extension): WDM unless said or inferred
 */
public record Driver(
    String name,
    DriverRole role,
    String inf,
    boolean namespace,
    boolean exclusive,
    boolean needsStricterThanDefault,
    Dispatch dispatch,
    SourceLocation location,
    Framework framework) {

  public Driver {
    framework = framework == null ? Framework.WDM : framework;
  }

  /** A WDM driver. */
  public Driver(String name, DriverRole role, String inf, boolean namespace, boolean exclusive,
      boolean needsStricterThanDefault, Dispatch dispatch, SourceLocation location) {
    this(name, role, inf, namespace, exclusive, needsStricterThanDefault, dispatch, location, Framework.WDM);
  }
}
