package io.drvguard.facts.security;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of {@link AccessCheck}: whether the request is granted, the access mask granted
 * (0 when denied) and which ACE or rule decided, for findings and traces.
 *
 * <p>Equal, hashed and printed as the record {@code AccessResult(boolean granted, int
 * grantedAccess, String reason)} it replaces. It is not a record so that the reason can be
 * written on first use: a decision checks access several times but states at most one reason,
 * and naming ACEs and rights costs more than the check itself.
 */
public final class AccessResult {
  private final boolean granted;
  private final int grantedAccess;
  private final Supplier<String> why;
  // computed at most once per thread that asks; a String is immutable, so a racing thread sees
  // null (and computes the same text) or the whole text, as with String's own hash
  private String reason;

  public AccessResult(boolean granted, int grantedAccess, String reason) {
    this.granted = granted;
    this.grantedAccess = grantedAccess;
    this.reason = reason;
    this.why = null;
  }

  private AccessResult(boolean granted, int grantedAccess, Supplier<String> why) {
    this.granted = granted;
    this.grantedAccess = grantedAccess;
    this.why = Objects.requireNonNull(why, "why");
  }

  /** A result whose reason {@code why} writes when first asked for; it must always write the same text. */
  public static AccessResult deferred(boolean granted, int grantedAccess, Supplier<String> why) {
    return new AccessResult(granted, grantedAccess, why);
  }

  static AccessResult grant(int access, String reason) {
    return new AccessResult(true, access, reason);
  }

  static AccessResult grant(int access, Supplier<String> why) {
    return new AccessResult(true, access, why);
  }

  static AccessResult deny(String reason) {
    return new AccessResult(false, 0, reason);
  }

  static AccessResult deny(Supplier<String> why) {
    return new AccessResult(false, 0, why);
  }

  /** True when every requested right is granted. */
  public boolean granted() {
    return granted;
  }

  /** The access granted; 0 when denied. */
  public int grantedAccess() {
    return grantedAccess;
  }

  /** Which ACE, privilege or rule decided, in words. */
  public String reason() {
    String r = reason;
    if (r == null && why != null) {
      r = why.get();
      reason = r;
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessResult other && other.granted == granted && other.grantedAccess == grantedAccess
        && Objects.equals(other.reason(), reason());
  }

  /** Leaves the reason out, so that hashing (Drools' {@code from} keeps its results in a map) does not write it. */
  @Override
  public int hashCode() {
    return Boolean.hashCode(granted) * 31 + grantedAccess;
  }

  @Override
  public String toString() {
    return "AccessResult[granted=" + granted + ", grantedAccess=" + grantedAccess + ", reason=" + reason() + "]";
  }
}
