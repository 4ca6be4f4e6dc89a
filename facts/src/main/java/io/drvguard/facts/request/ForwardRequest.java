package io.drvguard.facts.request;

import io.drvguard.facts.security.Token;

/**
 * The driver about to pass an IRP down the stack on a caller's behalf (PRIV-1). The IRP is an
 * {@code IRP_MJ_DEVICE_CONTROL} that reached the driver, so it exists only once the I/O manager's
 * checks and the driver's own access validation let that IOCTL through on the handle (IOCTL-2,
 * IOCTL-4, IOCTL-5, an unknown code failed); {@code ioctlDecision} is that earlier decision, and a
 * forward without an allowed one is denied (fail closed). Build one with {@link #builder()}.
 *
 * @param token the caller's token
 * @param handle the scenario's name of the handle the IOCTL was sent on
 * @param ioctlName the IOCTL's name (or its code as given)
 * @param requiredPrivilege the system-wide privilege the request needs, or null
 * @param driverChecksPrivilege true when the driver checks it before forwarding
 * @param forwardsDown false when the driver completes the request itself
 * @param ioctlDecision how the IOCTL on the same handle and code was decided, or null when it was not
 * @param origin the package and scenario step the request comes from
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
    Decision ioctlDecision,
    Origin origin) implements Request {

  public ForwardRequest {
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A request whose origin is unknown. */
  public ForwardRequest(String id, String principal, Token token, String handle, String ioctlName,
      String requiredPrivilege, boolean driverChecksPrivilege, boolean forwardsDown, Decision ioctlDecision) {
    this(id, principal, token, handle, ioctlName, requiredPrivilege, driverChecksPrivilege, forwardsDown, ioctlDecision,
        Origin.UNKNOWN);
  }

  /** A forward whose IOCTL has not been decided: the rules deny it (fail closed). */
  public ForwardRequest(String id, String principal, Token token, String handle, String ioctlName,
      String requiredPrivilege, boolean driverChecksPrivilege, boolean forwardsDown) {
    this(id, principal, token, handle, ioctlName, requiredPrivilege, driverChecksPrivilege, forwardsDown, null);
  }

  /**
   * A builder whose defaults are a forward down the stack ({@code forwardsDown}) needing no
   * privilege, its IOCTL not decided (so the rules deny it until {@code ioctlDecision} is set);
   * origin unknown.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of a {@link ForwardRequest} by name; each setter returns the builder. */
  public static final class Builder {
    private String id;
    private String principal;
    private Token token;
    private String handle;
    private String ioctlName;
    private String requiredPrivilege;
    private boolean driverChecksPrivilege;
    private boolean forwardsDown = true;
    private Decision ioctlDecision;
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder id(String v) { id = v; return this; }
    public Builder principal(String v) { principal = v; return this; }
    /** The principal's name and token at once. */
    public Builder as(String name, Token t) { principal = name; token = t; return this; }
    public Builder token(Token v) { token = v; return this; }
    public Builder handle(String v) { handle = v; return this; }
    public Builder ioctlName(String v) { ioctlName = v; return this; }
    public Builder requiredPrivilege(String v) { requiredPrivilege = v; return this; }
    public Builder driverChecksPrivilege(boolean v) { driverChecksPrivilege = v; return this; }
    public Builder forwardsDown(boolean v) { forwardsDown = v; return this; }
    public Builder ioctlDecision(Decision v) { ioctlDecision = v; return this; }
    public Builder origin(Origin v) { origin = v; return this; }

    public ForwardRequest build() {
      return new ForwardRequest(id, principal, token, handle, ioctlName, requiredPrivilege, driverChecksPrivilege,
          forwardsDown, ioctlDecision, origin);
    }
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
