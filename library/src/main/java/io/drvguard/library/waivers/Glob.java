package io.drvguard.library.waivers;

import java.util.Arrays;
import java.util.Objects;

/**
 * A waiver glob: {@code *} any run of characters, {@code ?} one character, everything else
 * literal, matched against the whole name. Package authors choose the names a waiver is matched
 * against, so matching must not backtrack: a regular expression such as {@code .*a.*a.*b} takes
 * time exponential in the number of stars on a long run of {@code a}. Here the glob is split at its
 * stars; the first part must start the name, the last must end it, and each part between is taken
 * at its leftmost place after the previous one (leftmost is never worse for what follows). Each
 * part is tried at most once per position of the name, so a match costs at most
 * (name length) × (glob length) character comparisons, and nothing is recursive.
 */
final class Glob {
  private final String text;
  private final String[] parts;
  private final boolean starred;

  Glob(String text) {
    this.text = Objects.requireNonNull(text, "text");
    this.parts = text.split("\\*", -1);
    this.starred = parts.length > 1;
  }

  /** True when the glob matches the whole of {@code name}. */
  boolean matches(String name) {
    if (!starred) {
      return name.length() == parts[0].length() && partAt(parts[0], name, 0);
    }
    String first = parts[0];
    String last = parts[parts.length - 1];
    int tail = name.length() - last.length();
    if (tail < first.length() || !partAt(first, name, 0) || !partAt(last, name, tail)) {
      return false;
    }
    int pos = first.length();
    for (int i = 1; i < parts.length - 1; i++) {
      String part = parts[i];
      int found = -1;
      for (int at = pos; at + part.length() <= tail; at++) {
        if (partAt(part, name, at)) {
          found = at;
          break;
        }
      }
      if (found < 0) {
        return false;
      }
      pos = found + part.length();
    }
    return true;
  }

  private static boolean partAt(String part, String name, int at) {
    for (int i = 0; i < part.length(); i++) {
      char p = part.charAt(i);
      if (p != '?' && p != name.charAt(at + i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + Arrays.hashCode(parts);
  }
}
