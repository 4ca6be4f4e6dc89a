package io.drvguard.source;

/**
 * What a C expression evaluates to at compile time, as far as the scan can tell: a number, a string
 * (narrow or wide literal, concatenated, with escapes applied), or unknown with the reason.
 */
sealed interface Value {
  record Num(long value) implements Value {}

  record Str(String value) implements Value {}

  record Unknown(String why) implements Value {}

  static Value unknown(String why) {
    return new Unknown(why);
  }

  default boolean known() {
    return !(this instanceof Unknown);
  }

  default String why() {
    return this instanceof Unknown u ? u.why() : "";
  }
}
