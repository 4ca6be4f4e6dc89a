package io.drvguard.adapters.tree;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The one way a 32-bit unsigned field (characteristics, access masks, control codes, device types)
 * is read from a manifest, scenario or configuration value. Narrowing a number silently changed
 * what a package says: {@code characteristics: 4294967552} (0x1_0000_0100) became
 * FILE_DEVICE_SECURE_OPEN and a finding disappeared. So a value is a whole number from 0 to
 * 0xFFFFFFFF or it is refused with the reason; nothing is truncated, rounded or wrapped.
 */
public final class Uint32 {
  public static final long MAX = 0xFFFF_FFFFL;

  private Uint32() {}

  /**
   * {@code raw} (a Number the document loader produced, or text such as {@code 256},
   * {@code 0x100}) as an unsigned 32-bit value.
   *
   * @throws IllegalArgumentException with a short reason (for the caller's file:line:col error)
   *     when it is not a whole number, is negative or does not fit 32 bits
   */
  public static long of(Object raw) {
    BigInteger v;
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      v = BigInteger.valueOf(((Number) raw).longValue());
    } else if (raw instanceof BigInteger b) {
      v = b;
    } else if (raw instanceof Number n) {
      // Double, Float, BigDecimal: only a whole value written as a decimal number is a mistake
      // worth naming; 1.5 or 1e3 is not an integer field's value
      throw new IllegalArgumentException("`" + raw + "` is not a whole number");
    } else if (raw instanceof String s) {
      v = parse(s.trim());
    } else {
      throw new IllegalArgumentException("`" + raw + "` is not a number");
    }
    if (v.signum() < 0) {
      throw new IllegalArgumentException("`" + raw + "` is negative; expected 0 to 0xFFFFFFFF");
    }
    if (v.bitLength() > 32) {
      throw new IllegalArgumentException("`" + raw + "` does not fit 32 bits (at most 0xFFFFFFFF)");
    }
    return v.longValue();
  }

  /** True when {@code text} looks like a number (decimal or {@code 0x} hex, optionally signed). */
  public static boolean isNumber(String text) {
    return text.trim().matches("[-+]?(0[xX][0-9a-fA-F]+|[0-9]+)");
  }

  private static BigInteger parse(String s) {
    if (!isNumber(s)) {
      try {
        new BigDecimal(s);
        throw new IllegalArgumentException("`" + s + "` is not a whole number");
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("`" + s + "` is not a number");
      }
    }
    boolean negative = s.startsWith("-");
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    BigInteger v = body.startsWith("0x") || body.startsWith("0X")
        ? new BigInteger(body.substring(2), 16)
        : new BigInteger(body);
    return negative ? v.negate() : v;
  }
}
