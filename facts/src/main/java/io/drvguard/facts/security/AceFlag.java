package io.drvguard.facts.security;

import java.util.Locale;
import java.util.Optional;

/** ACE_HEADER.AceFlags bits and their SDDL codes, in the order Windows prints them. */
public enum AceFlag {
  OBJECT_INHERIT("OI", 0x01),
  CONTAINER_INHERIT("CI", 0x02),
  NO_PROPAGATE_INHERIT("NP", 0x04),
  INHERIT_ONLY("IO", 0x08),
  INHERITED("ID", 0x10),
  SUCCESSFUL_ACCESS("SA", 0x40),
  FAILED_ACCESS("FA", 0x80);

  private final String code;
  private final int value;

  AceFlag(String code, int value) {
    this.code = code;
    this.value = value;
  }

  /** The SDDL code, e.g. {@code CI}. */
  public String code() {
    return code;
  }

  /** The bit in ACE_HEADER.AceFlags. */
  public int value() {
    return value;
  }

  /** The flag with SDDL code {@code code} (any case); empty when none has it. */
  public static Optional<AceFlag> fromCode(String code) {
    String upper = code.toUpperCase(Locale.ROOT);
    for (AceFlag f : values()) {
      if (f.code.equals(upper)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
