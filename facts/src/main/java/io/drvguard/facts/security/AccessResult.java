package io.drvguard.facts.security;

/**
 * The outcome of {@link AccessCheck}: whether the request is granted, the access mask granted
 * (0 when denied) and which ACE or rule decided, for findings and traces.
 */
public record AccessResult(boolean granted, int grantedAccess, String reason) {

  static AccessResult grant(int access, String reason) {
    return new AccessResult(true, access, reason);
  }

  static AccessResult deny(String reason) {
    return new AccessResult(false, 0, reason);
  }
}
