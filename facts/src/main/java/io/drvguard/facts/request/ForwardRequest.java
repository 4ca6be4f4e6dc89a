package io.drvguard.facts.request;

import io.drvguard.facts.security.Token;

/**
 * The driver about to pass an IRP down the stack on a caller's behalf (PRIV-1). The IRP is an
 * {@code IRP_MJ_DEVICE_CONTROL} that reached the driver, so it exists only once the I/O manager's
 * checks and the driver's own access validation let that IOCTL through on the handle (IOCTL-2,
 * IOCTL-4, IOCTL-5, an unknown code failed); {@code ioctlDecision} is that earlier decision, and a
 * forward without an allowed one is denied (fail closed).
 *
 * @param token the caller's token
 * @param handle the scenario's name of the handle the IOCTL was sent on
 * @param ioctlName the IOCTL's name (or its code as given)
 * @param requiredPrivilege the system-wide privilege the request needs, or null
 * @param driverChecksPrivilege true when the driver checks it before forwarding
 * @param forwardsDown false when the driver completes the request itself
 * @param ioctlDecision how the IOCTL on the same handle and code was decided, or null when it was not
 */
public record ForwardRequest(
    String id,
    String principal,
    Token token,
    String handle,
    String ioctlName,
    String requiredPrivilege,
    boolean driverChecksPrivilege,
    boolean forwardsDown,
    Decision ioctlDecision) implements Request {

  /** A forward whose IOCTL has not been decided: the rules deny it (fail closed). */
  public ForwardRequest(String id, String principal, Token token, String handle, String ioctlName,
      String requiredPrivilege, boolean driverChecksPrivilege, boolean forwardsDown) {
    this(id, principal, token, handle, ioctlName, requiredPrivilege, driverChecksPrivilege, forwardsDown, null);
  }

  /** True when the IOCTL that brings this IRP to the driver was decided and allowed. */
  public boolean ioctlAllowed() {
    return ioctlDecision != null && ioctlDecision.allowed();
  }

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
