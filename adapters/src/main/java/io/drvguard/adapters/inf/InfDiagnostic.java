package io.drvguard.adapters.inf;

import io.drvguard.facts.model.SourceLocation;

/**
 * Something in an INF that was read but looks wrong: an undefined {@code %strkey%}, an
 * {@code AddReg=} naming a section that does not exist, an unterminated quote. The reader keeps
 * going; the text concerned is kept as written.
 *
 * @param location file and 1-based line
 * @param code a stable code, one of the constants here
 * @param message lowercase, no final period, user input in backticks
 */
public record InfDiagnostic(SourceLocation location, String code, String message) {
  /** A {@code %strkey%} with no entry in {@code [Strings]} or a localized {@code [Strings.xxxx]}. */
  public static final String UNDEFINED_STRING = "inf_undefined_string";
  /** A directive such as {@code AddReg=} names a section the file does not have. */
  public static final String MISSING_SECTION = "inf_missing_section";
  /** A quoted field without its closing quote; the rest of the line is taken as quoted. */
  public static final String UNTERMINATED_QUOTE = "inf_unterminated_quote";
  /** A line starting with {@code [} without a closing {@code ]}. */
  public static final String BAD_SECTION_HEADER = "inf_bad_section_header";

  @Override
  public String toString() {
    return location + ": " + code + ": " + message;
  }
}
