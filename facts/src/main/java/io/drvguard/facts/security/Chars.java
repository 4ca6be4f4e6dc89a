package io.drvguard.facts.security;

/** Character classes shared by the SDDL readers. */
final class Chars {
  private Chars() {}

  /** Whitespace as wcstoul skips it (iswspace in the C locale). */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }
}
