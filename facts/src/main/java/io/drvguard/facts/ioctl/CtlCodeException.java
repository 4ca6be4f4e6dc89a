package io.drvguard.facts.ioctl;

import io.drvguard.facts.TextException;

/**
 * A control code that cannot be parsed, evaluated or built. Messages follow the Cedar style:
 * lowercase, no final period, user input in backticks, prefixed with the stable {@link #code()}
 * and, when known, the 0-based character offset: {@code ctl_code_parse_error at 9: unknown symbol
 * `FILE_DEVICE_TOAST`}.
 */
public final class CtlCodeException extends TextException {
  private static final long serialVersionUID = 1L;

  /** Syntax errors, unknown symbols, wrong argument counts, bad literals. */
  public static final String PARSE_ERROR = "ctl_code_parse_error";
  /** A field or value outside its bit range (e.g. a function code above 0xfff). */
  public static final String RANGE_ERROR = "ctl_code_range_error";

  public CtlCodeException(String code, int position, String detail) {
    super(code, position, detail);
  }

  static CtlCodeException parse(int position, String detail) {
    return new CtlCodeException(PARSE_ERROR, position, detail);
  }

  static CtlCodeException range(int position, String detail) {
    return new CtlCodeException(RANGE_ERROR, position, detail);
  }

}
