package io.drvguard.facts.inf;

import java.util.Locale;

/**
 * What one {@code AddReg} line does to its value, read from its flags field the way SetupAPI
 * applies it (install/inf-addreg-directive.md): the one answer to "what does this line set" for
 * the model ({@code PackageModel.infSettings}), the INF-2 rules (Inf.drl) and the
 * rules.
 *
 * <ul>
 *   <li>{@code FLG_ADDREG_DELVAL} (0x4): the line deletes the value and writes nothing, whatever
 *       its type bits and value say.
 *   <li>{@code FLG_ADDREG_KEYONLY} (0x10) or {@code FLG_ADDREG_KEYONLY_COMMON} (0x2000): the line
 *       creates the key and ignores the value name and value, so it writes nothing.
 *   <li>Otherwise it writes the value, with the registry type the type bits ({@code flags &
 *       0xFFFF0001}) select. The other low-word bits modify the write and do not change the type:
 *       {@code NOCLOBBER} (0x2) writes only when the value does not exist yet, {@code OVERWRITEONLY}
 *       (0x20) only when it does, {@code APPEND} (0x8) only means something for REG_MULTI_SZ, and
 *       {@code 64BITKEY}/{@code 32BITKEY} pick a registry view. So {@code 0x10003} is a REG_DWORD
 *       written unless the value is already there.
 * </ul>
 *
 * @param kind what the line does
 * @param type the registry type bits ({@code flags & TYPE_MASK}) of a write; null when the flags
 *     field is not a number, so the type is unknown
 * @param noClobber {@code FLG_ADDREG_NOCLOBBER}: the write does not replace an existing value
 * @param overwriteOnly {@code FLG_ADDREG_OVERWRITEONLY}: the write only replaces an existing value
 * @param value the value field (null when absent)
 * @param valueQuoted whether the value was written quoted
 */
public record AddRegEffect(Kind kind, Long type, boolean noClobber, boolean overwriteOnly, String value,
    boolean valueQuoted) {

  /** What a line does to its value. */
  public enum Kind {
    /** Writes the value (maybe only under NOCLOBBER/OVERWRITEONLY conditions). */
    WRITE,
    /** {@code FLG_ADDREG_DELVAL}: deletes the value. */
    DELETE,
    /** {@code FLG_ADDREG_KEYONLY(_COMMON)}: creates the key, writes no value. */
    KEY_ONLY
  }

  public static final long NOCLOBBER = 0x00000002L;
  public static final long DELVAL = 0x00000004L;
  public static final long KEYONLY = 0x00000010L;
  public static final long OVERWRITEONLY = 0x00000020L;
  public static final long KEYONLY_COMMON = 0x00002000L;

  /** {@code FLG_ADDREG_TYPE_*} (setupapi.h): the type is {@code flags & TYPE_MASK}. */
  public static final long TYPE_MASK = 0xFFFF0001L;
  public static final long TYPE_SZ = 0x00000000L;
  public static final long TYPE_BINARY = 0x00000001L;
  public static final long TYPE_MULTI_SZ = 0x00010000L;
  public static final long TYPE_EXPAND_SZ = 0x00020000L;
  public static final long TYPE_DWORD = 0x00010001L;
  public static final long TYPE_NONE = 0x00020001L;
  public static final long TYPE_QWORD = 0x000B0001L;

  /** The effect of {@code v}'s flags on its value. */
  public static AddRegEffect of(InfRegistryValue v) {
    Long flags = v.flagsValue();
    if (flags != null && (flags & DELVAL) != 0) {
      return new AddRegEffect(Kind.DELETE, null, false, false, v.value(), v.valueQuoted());
    }
    if (flags != null && (flags & (KEYONLY | KEYONLY_COMMON)) != 0) {
      return new AddRegEffect(Kind.KEY_ONLY, null, false, false, v.value(), v.valueQuoted());
    }
    return new AddRegEffect(Kind.WRITE, flags == null ? null : flags & TYPE_MASK,
        flags != null && (flags & NOCLOBBER) != 0, flags != null && (flags & OVERWRITEONLY) != 0,
        v.value(), v.valueQuoted());
  }

  /** True when the line writes the value (under its conditions); false for delete and key-only lines. */
  public boolean writes() {
    return kind == Kind.WRITE;
  }

  /**
   * Whether the write happens, given whether the value already exists when the line is applied:
   * NOCLOBBER skips an existing value, OVERWRITEONLY a missing one.
   */
  public boolean writesGiven(boolean valueExists) {
    return writes() && !(noClobber && valueExists) && !(overwriteOnly && !valueExists);
  }

  /** True for a write of type REG_SZ (type bits 0, or the flags omitted). */
  public boolean writesString() {
    return writes() && type != null && type == TYPE_SZ;
  }

  /** A name for the registry type written, e.g. {@code REG_BINARY}; {@code not a number} for unreadable flags. */
  public String typeName() {
    if (type == null) {
      return "not a number";
    }
    long t = type;
    if (t == TYPE_SZ) {
      return "REG_SZ";
    }
    if (t == TYPE_BINARY) {
      return "REG_BINARY";
    }
    if (t == TYPE_MULTI_SZ) {
      return "REG_MULTI_SZ";
    }
    if (t == TYPE_EXPAND_SZ) {
      return "REG_EXPAND_SZ";
    }
    if (t == TYPE_DWORD) {
      return "REG_DWORD";
    }
    if (t == TYPE_NONE) {
      return "REG_NONE";
    }
    if (t == TYPE_QWORD) {
      return "REG_QWORD";
    }
    return "registry type 0x" + Long.toHexString(t >>> 16);
  }

  /** The DWORD this line writes, or null when it writes none (see {@link #dwordProblem(String)}). */
  public Integer dword() {
    return writes() && dwordProblem("") == null ? (int) number(value).longValue() : null;
  }

  /**
   * Why a write meant to be a DWORD does not write one, or null when it does (or when the line
   * writes nothing). {@code flagsText} is the flags as the message shows them.
   */
  public String dwordProblem(String flagsText) {
    if (!writes()) {
      return null;
    }
    if (type == null) {
      return "flags `" + flagsText + "` are not a number";
    }
    if (type != TYPE_DWORD) {
      return "flags `" + flagsText + "` (" + typeName() + ") are not `0x10001` (REG_DWORD)";
    }
    if (value == null || value.isBlank()) {
      return "the value is missing";
    }
    if (valueQuoted) {
      return "the value `" + value + "` is written as a quoted string";
    }
    if (number(value) == null) {
      return "the value `" + value.trim() + "` " + (isNumber(value) ? "does not fit in a DWORD" : "is not a number");
    }
    return null;
  }

  /** A decimal or {@code 0x} hexadecimal number that fits in 32 bits, else null. */
  private static Long number(String text) {
    Long n = parse(text);
    return n != null && n >= 0 && n <= 0xFFFFFFFFL ? n : null;
  }

  private static boolean isNumber(String text) {
    return parse(text) != null;
  }

  private static Long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
