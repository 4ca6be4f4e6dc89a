package io.drvguard.facts.security;

import java.util.Locale;
import java.util.Optional;

/** ACE types with their SDDL code and ACE_HEADER.AceType value (winnt.h; "ACE Strings"). */
public enum AceType {
  ACCESS_ALLOWED("A", 0x00),
  ACCESS_DENIED("D", 0x01),
  SYSTEM_AUDIT("AU", 0x02),
  SYSTEM_ALARM("AL", 0x03),
  ACCESS_ALLOWED_OBJECT("OA", 0x05),
  ACCESS_DENIED_OBJECT("OD", 0x06),
  SYSTEM_AUDIT_OBJECT("OU", 0x07),
  SYSTEM_ALARM_OBJECT("OL", 0x08),
  ACCESS_ALLOWED_CALLBACK("XA", 0x09),
  ACCESS_DENIED_CALLBACK("XD", 0x0A),
  ACCESS_ALLOWED_CALLBACK_OBJECT("ZA", 0x0B),
  SYSTEM_AUDIT_CALLBACK("XU", 0x0D),
  MANDATORY_LABEL("ML", 0x11),
  RESOURCE_ATTRIBUTE("RA", 0x12),
  SCOPED_POLICY_ID("SP", 0x13),
  PROCESS_TRUST_LABEL("TL", 0x14),
  ACCESS_FILTER("FL", 0x15);

  private final String code;
  private final int value;

  AceType(String code, int value) {
    this.code = code;
    this.value = value;
  }

  /** The SDDL code, e.g. {@code A} or {@code OA}. */
  public String code() {
    return code;
  }

  /** The numeric ACE type of ACE_HEADER. */
  public int value() {
    return value;
  }

  /** Types that carry object-type GUIDs (ACCESS_*_OBJECT_ACE layout). */
  public boolean isObject() {
    return this == ACCESS_ALLOWED_OBJECT || this == ACCESS_DENIED_OBJECT || this == SYSTEM_AUDIT_OBJECT
        || this == SYSTEM_ALARM_OBJECT || this == ACCESS_ALLOWED_CALLBACK_OBJECT;
  }

  /** Types whose SDDL has a seventh field (a condition or attribute) that drvguard does not model. */
  public boolean hasApplicationData() {
    return this == ACCESS_ALLOWED_CALLBACK || this == ACCESS_DENIED_CALLBACK
        || this == ACCESS_ALLOWED_CALLBACK_OBJECT || this == SYSTEM_AUDIT_CALLBACK
        || this == RESOURCE_ATTRIBUTE || this == ACCESS_FILTER;
  }

  /** Types a DACL may hold; Windows rejects the SACL-only ones (audit, alarm, label…) in a DACL. */
  public boolean allowedInDacl() {
    return this == ACCESS_ALLOWED || this == ACCESS_DENIED || this == ACCESS_ALLOWED_OBJECT
        || this == ACCESS_DENIED_OBJECT || this == ACCESS_ALLOWED_CALLBACK || this == ACCESS_DENIED_CALLBACK
        || this == ACCESS_ALLOWED_CALLBACK_OBJECT;
  }

  /** Types that grant access (the access-allowed family). */
  public boolean isAllow() {
    return this == ACCESS_ALLOWED || this == ACCESS_ALLOWED_OBJECT || this == ACCESS_ALLOWED_CALLBACK
        || this == ACCESS_ALLOWED_CALLBACK_OBJECT;
  }

  /** Types that deny access (the access-denied family). */
  public boolean isDeny() {
    return this == ACCESS_DENIED || this == ACCESS_DENIED_OBJECT || this == ACCESS_DENIED_CALLBACK;
  }

  /** The type for an SDDL code, case-insensitive as Windows reads it. */
  public static Optional<AceType> fromCode(String code) {
    String upper = code.toUpperCase(Locale.ROOT);
    for (AceType t : values()) {
      if (t.code.equals(upper)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
