package io.drvguard.facts;

/**
 * Text in a domain notation (SDDL, a CTL_CODE expression) that cannot be read. Rendered
 * {@code <code> at <position>: <detail>} in the Cedar style: lowercase, no final period, user
 * input in backticks. The stable {@link #code()} lets callers and tests tell errors apart without
 * matching messages.
 */
public abstract class TextException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int position;
  private final String detail;

  protected TextException(String code, int position, String detail) {
    super(code + (position >= 0 ? " at " + position : "") + ": " + detail);
    this.code = code;
    this.position = position;
    this.detail = detail;
  }

  /** The stable error code, such as {@code sddl_parse_error}. */
  public String code() {
    return code;
  }

  /** The 0-based character offset into the text, or -1 when unknown. */
  public int position() {
    return position;
  }

  /** The message without the code and position prefix. */
  public String detail() {
    return detail;
  }
}
