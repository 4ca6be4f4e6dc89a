package io.drvguard.facts.model;

/**
 * A fact the source scan could not resolve from the driver's code: the expression it found and why
 * it could not give it a value. Unknown is never assumed safe: an unresolved SDDL leaves the
 * descriptor unknown (decisions deny) and is a finding that asks the user to state it.
 *
 * @param packageName the package (driver) the source scan read
 * @param subject the device object id, IOCTL or kernel object name the fact belongs to
 * @param what the manifest key the value would fill ({@code sddl}, {@code name}, {@code code}, …)
 * @param expression the C expression as written
 * @param why why the scan could not give it a value
 * @param location the source line the expression stands on
 */
public record Unresolved(
    String packageName, String subject, String what, String expression, String why, SourceLocation location) {

  /** The manifest key an unresolved SDDL would fill. */
  public static final String SDDL = "sddl";

  /** True when the unresolved value is an SDDL string. */
  public boolean sddl() {
    return SDDL.equals(what);
  }
}
