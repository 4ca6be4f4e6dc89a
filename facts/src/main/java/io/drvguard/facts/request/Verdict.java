package io.drvguard.facts.request;

import java.util.Locale;

/** Allow or deny. */
public enum Verdict {
  ALLOW,
  DENY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
