package io.drvguard.facts.request;

import java.util.Locale;

/** Allow or deny. */
public enum Verdict {
  /** The request is allowed. */
  ALLOW,
  /** The request is denied. */
  DENY;

  /** {@code allow} or {@code deny}, as reports write it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
