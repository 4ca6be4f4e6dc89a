package io.drvguard.facts.request;

import io.drvguard.facts.security.Token;

/**
 * The driver about to pass an IRP down the stack on a caller's behalf (PRIV-1).
 *
 * @param requiredPrivilege the system-wide privilege the request needs, or null
 * @param driverChecksPrivilege true when the driver checks it before forwarding
 * @param forwardsDown false when the driver completes the request itself
 */
public record ForwardRequest(
    String id,
    String principal,
    Token token,
    String handle,
    String ioctlName,
    String requiredPrivilege,
    boolean driverChecksPrivilege,
    boolean forwardsDown) implements Request {

  @Override
  public String kind() {
    return "forward";
  }

  @Override
  public String target() {
    return ioctlName;
  }

  @Override
  public String defaultRequirement() {
    return "PRIV-1";
  }
}
