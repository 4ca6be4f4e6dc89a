package io.drvguard.facts.ioctl;

import java.util.Map;

/**
 * A Windows I/O control code, split into its four fields (IOCTL-1):
 *
 * <pre>
 * CTL_CODE(DeviceType, Function, Method, Access) =
 *     (DeviceType &lt;&lt; 16) | (Access &lt;&lt; 14) | (Function &lt;&lt; 2) | Method
 *
 *  31                16 15  14 13                 2 1    0
 * +--------------------+------+--------------------+------+
 * |    DeviceType      |Access|      Function      |Method|
 * +--------------------+------+--------------------+------+
 * </pre>
 *
 * <ul>
 *   <li>{@code deviceType}: 16 bits, 0..0xffff. Values with bit 15 set (0x8000..0xffff, the
 *       "common" bit of {@code devioctl.h}) are reserved for vendors; their codes are negative
 *       as a Java {@code int} and still round-trip.
 *   <li>{@code function}: 12 bits, 0..0xfff. Bit 11 (0x800, the "custom" bit) marks vendor
 *       functions.
 *   <li>{@code method}: 2 bits, the transfer type ({@link Method}).
 *   <li>{@code access}: 2 bits, the access the caller's handle must hold ({@link RequiredAccess}).
 * </ul>
 *
 * <p>Encoding and decoding are exact both ways: {@code decode(c.value()).equals(c)} for every
 * valid record and {@code decode(x).value() == x} for every 32-bit {@code int}.
 *
 * <p>The record components are the raw field values, so {@code method()} and {@code access()}
 * return {@code int}s; the typed views are {@link #transferType()} and {@link #requiredAccess()}.
 *
 * @param deviceType the device type, 0..0xffff
 * @param function the function code, 0..0xfff
 * @param method the transfer type, 0..3
 * @param access the required access, 0..3
 */
public record CtlCode(int deviceType, int function, int method, int access) {

  /** Largest device type (16 bits). */
  public static final int MAX_DEVICE_TYPE = 0xFFFF;
  /** Largest function code (12 bits). */
  public static final int MAX_FUNCTION = 0xFFF;
  /** Bit 15 of the device type: set for vendor-defined device types. */
  public static final int COMMON_BIT = 0x8000;
  /** Bit 11 of the function code: set for vendor-defined functions. */
  public static final int CUSTOM_BIT = 0x800;

  /** Validates the field ranges; throws {@link CtlCodeException} ({@code ctl_code_range_error}). */
  public CtlCode {
    check("device type", deviceType, MAX_DEVICE_TYPE);
    check("function", function, MAX_FUNCTION);
    check("method", method, 3);
    check("access", access, 3);
  }

  private static void check(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw CtlCodeException.range(-1, field + " " + CtlExpression.show(value)
          + " out of range 0.." + CtlExpression.show(max));
    }
  }

  /** Builds a code from typed fields. */
  public static CtlCode of(int deviceType, int function, Method method, RequiredAccess access) {
    return new CtlCode(deviceType, function, method.value(), access.value());
  }

  /** The encoded 32-bit control code (negative for device types &ge; 0x8000). */
  public int value() {
    return (deviceType << 16) | (access << 14) | (function << 2) | method;
  }

  /** The encoded control code as an unsigned value 0..0xffffffff. */
  public long unsignedValue() {
    return Integer.toUnsignedLong(value());
  }

  /** Splits any 32-bit control code (read as unsigned) into its fields. */
  public static CtlCode decode(int code) {
    return new CtlCode(code >>> 16, (code >>> 2) & 0xFFF, code & 3, (code >>> 14) & 3);
  }

  /** The transfer type as an enum (the record's {@link #method()} is the raw 2-bit value). */
  public Method transferType() {
    return Method.of(method);
  }

  /** The required access as an enum (the record's {@link #access()} is the raw 2-bit value). */
  public RequiredAccess requiredAccess() {
    return RequiredAccess.of(access);
  }

  /** Whether the device type has the "common" bit 0x8000 set (a vendor-defined device type). */
  public boolean isVendorDeviceType() {
    return (deviceType & COMMON_BIT) != 0;
  }

  /** Whether the function code has the "custom" bit 0x800 set (a vendor-defined function). */
  public boolean isCustomFunction() {
    return (function & CUSTOM_BIT) != 0;
  }

  /** The code as eight hex digits, e.g. {@code 0x00222000}. */
  public String hex() {
    return String.format("0x%08x", value());
  }

  /**
   * The {@code CTL_CODE} text, with symbolic names where the headers define them and hex
   * otherwise, e.g. {@code CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)}
   * or {@code CTL_CODE(0x9c40, 0x900, METHOD_NEITHER, FILE_READ_ACCESS | FILE_WRITE_ACCESS)}.
   * {@link #parse(String)} reads it back to an equal record.
   */
  @Override
  public String toString() {
    return "CTL_CODE("
        + IoctlNames.deviceTypeName(deviceType).orElse("0x" + Integer.toHexString(deviceType))
        + ", 0x" + Integer.toHexString(function)
        + ", " + transferType().symbol()
        + ", " + requiredAccess().symbol()
        + ")";
  }

  /** {@link #parse(String, Map)} with no driver-local symbols. */
  public static CtlCode parse(String text) {
    return parse(text, Map.of());
  }

  /**
   * Parses a control code written as a number ({@code 0x222000}, {@code 2236416},
   * {@code 0x222000UL}) or as {@code CTL_CODE(DeviceType, Function, Method, Access)}, where each
   * argument is an integer constant expression: literals (hex, decimal, octal, with
   * {@code U}/{@code L} suffixes), character literals ({@code 'V'}), symbols, casts such as
   * {@code (ULONG)}, parentheses and the operators {@code + - * / % << >> & ^ | ~}.
   *
   * <p>Symbols are looked up first in {@code symbols} (driver-local names such as
   * {@code IOCTL_INDEX}), then in the built-in {@link IoctlNames} table. An unknown symbol, a
   * syntax error or text after the expression is a {@code ctl_code_parse_error}; a
   * {@code CTL_CODE} argument outside its field (e.g. function {@code 0x1000}) or a value that
   * does not fit 32 bits is a {@code ctl_code_range_error}. Both carry the 0-based position.
   *
   * <p>A plain number may be given as unsigned (0..0xffffffff) or as a negative Java
   * {@code int} (so {@code Integer.toString(code)} parses back).
   *
   * @throws CtlCodeException when the text is not a valid control code
   */
  public static CtlCode parse(String text, Map<String, Long> symbols) {
    long v = CtlExpression.evaluate(text, symbols, true);
    return decode(to32(text, v));
  }

  /**
   * The value a C compiler gives the text: like {@link #parse(String, Map)}, but the
   * {@code CTL_CODE} arguments are not range-checked, so an out-of-range field spills into its
   * neighbours exactly as the {@code devioctl.h} macro does (e.g.
   * {@code CTL_CODE(FILE_DEVICE_UNKNOWN, 0x1000, METHOD_BUFFERED, FILE_ANY_ACCESS)} is
   * {@code 0x00224000}, which requires {@code FILE_READ_ACCESS}). Use it to learn what a driver
   * actually registered; use {@link #parse} to validate a definition.
   *
   * @throws CtlCodeException on syntax errors, unknown symbols, or a result outside 32 bits
   */
  public static int macroValue(String text, Map<String, Long> symbols) {
    return to32(text, CtlExpression.evaluate(text, symbols, false));
  }

  /**
   * Evaluates an integer constant expression as found in IOCTL headers ({@code 65500U},
   * {@code ((ULONG) 'V')}, {@code IOCTL_INDEX + 3}, {@code CTL_CODE(...)}), with
   * {@code symbols} taking precedence over the built-in names.
   *
   * @throws CtlCodeException on syntax errors and unknown symbols
   */
  public static long evaluate(String expression, Map<String, Long> symbols) {
    return CtlExpression.evaluate(expression, symbols, true);
  }

  private static int to32(String text, long v) {
    if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
      throw CtlCodeException.range(0, "value of `" + text.strip() + "` = " + CtlExpression.show(v)
          + " does not fit a 32-bit control code");
    }
    return (int) v;
  }
}
