package io.drvguard.facts.model;

/**
 * The {@code driver} section of a package manifest; its {@code name} names the package.
 *
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
