package io.drvguard.facts.security;

import io.drvguard.facts.TextException;

/**
 * A malformed or unsupported SDDL (or SID) string. The message has the form
 * {@code <code> at <position>: <detail>}, lowercase, with user input in backticks.
 */
public final class SddlException extends TextException {
  private static final long serialVersionUID = 1L;

  /** Malformed input: Windows' ConvertStringSecurityDescriptorToSecurityDescriptor would fail too. */
  public static final String PARSE_ERROR = "sddl_parse_error";
  /** Well-formed input that drvguard deliberately does not model (conditional and resource ACEs). */
  public static final String UNSUPPORTED = "sddl_unsupported";

  SddlException(String code, int position, String detail) {
    super(code, position, detail);
  }

  static SddlException parse(int position, String detail) {
    return new SddlException(PARSE_ERROR, position, detail);
  }

  static SddlException unsupported(int position, String detail) {
    return new SddlException(UNSUPPORTED, position, detail);
  }

  /** The same error, shifted by {@code offset} characters (when the text was a slice of a larger string). */
  SddlException shifted(int offset) {
    return new SddlException(code(), position() + offset, detail());
  }
}
