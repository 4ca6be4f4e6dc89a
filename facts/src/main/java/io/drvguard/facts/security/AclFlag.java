package io.drvguard.facts.security;

/**
 * SDDL ACL flags (the SE_DACL_* / SE_SACL_* control bits), in the order Windows prints them.
 * {@link #NO_ACCESS_CONTROL} is not a control bit: it marks a present but NULL ACL.
 */
public enum AclFlag {
  PROTECTED("P"),
  AUTO_INHERIT_REQUIRED("AR"),
  AUTO_INHERITED("AI"),
  NO_ACCESS_CONTROL("NO_ACCESS_CONTROL");

  private final String code;

  AclFlag(String code) {
    this.code = code;
  }

  /** The SDDL code, e.g. {@code P}. */
  public String code() {
    return code;
  }
}
