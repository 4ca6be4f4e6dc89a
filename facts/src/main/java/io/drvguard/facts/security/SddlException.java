package io.drvguard.facts.security;

/**
 * A malformed or unsupported SDDL (or SID) string. The message has the form
 * {@code <code> at <position>: <detail>}, lowercase, with user input in backticks.
 */
public final class SddlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Malformed input: Windows' ConvertStringSecurityDescriptorToSecurityDescriptor would fail too. */
  public static final String PARSE_ERROR = "sddl_parse_error";
  /** Well-formed input that drvguard deliberately does not model (conditional and resource ACEs). */
  public static final String UNSUPPORTED = "sddl_unsupported";

  private final String code;
  private final int position;
  private final String detail;

  SddlException(String code, int position, String detail) {
    super(code + " at " + position + ": " + detail);
    this.code = code;
    this.position = position;
    this.detail = detail;
  }

  static SddlException parse(int position, String detail) {
    return new SddlException(PARSE_ERROR, position, detail);
  }

  static SddlException unsupported(int position, String detail) {
    return new SddlException(UNSUPPORTED, position, detail);
  }

  /** {@link #PARSE_ERROR} or {@link #UNSUPPORTED}. */
  public String code() {
    return code;
  }

  /** 0-based character offset into the parsed string. */
  public int position() {
    return position;
  }

  /** The message without the code and position prefix. */
  public String detail() {
    return detail;
  }

  /** The same error, shifted by {@code offset} characters (when the text was a slice of a larger string). */
  SddlException shifted(int offset) {
    return new SddlException(code, position + offset, detail);
  }
}
