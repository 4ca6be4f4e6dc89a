package io.drvguard.facts.request;

import io.drvguard.facts.ioctl.CtlCode;
import java.util.List;

/**
 * An {@code IRP_MJ_DEVICE_CONTROL} sent on a handle. Build one with {@link #builder()}.
 *
 * @param handle the scenario's name of the handle it is sent on
 * @param ioctlName the IOCTL's name (or its code as given)
 * @param code the control code
 * @param known false when the driver defines no IOCTL with this code (it fails the request)
 * @param grantedAccess the access granted to the handle when it was opened
 * @param validatesAccess what the driver checks with IoValidateDeviceIoControlAccess (IOCTL-4)
 * @param requiresValidatedRight true when the OS target is Windows Server 2003 or later (IOCTL-5)
 * @param origin the package and scenario step the request comes from
 */
public record IoctlRequest(
    String id,
    String principal,
    String handle,
    String ioctlName,
    CtlCode code,
    boolean known,
    int grantedAccess,
    List<String> validatesAccess,
    boolean requiresValidatedRight,
    Origin origin) implements Request {

  public IoctlRequest {
    validatesAccess = List.copyOf(validatesAccess);
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A request whose origin is unknown. */
  public IoctlRequest(String id, String principal, String handle, String ioctlName, CtlCode code, boolean known,
      int grantedAccess, List<String> validatesAccess, boolean requiresValidatedRight) {
    this(id, principal, handle, ioctlName, code, known, grantedAccess, validatesAccess, requiresValidatedRight,
        Origin.UNKNOWN);
  }

  /**
   * A builder whose defaults are an IOCTL the driver defines ({@code known}), on a handle granted
   * nothing, validated by nobody, for a target since Windows Server 2003
   * ({@code requiresValidatedRight}, as the default {@code win10}); origin unknown.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of an {@link IoctlRequest} by name; each setter returns the builder. */
  public static final class Builder {
    private String id;
    private String principal;
    private String handle;
    private String ioctlName;
    private CtlCode code;
    private boolean known = true;
    private int grantedAccess;
    private List<String> validatesAccess = List.of();
    private boolean requiresValidatedRight = true;
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder id(String v) { id = v; return this; }
    public Builder principal(String v) { principal = v; return this; }
    public Builder handle(String v) { handle = v; return this; }
    public Builder ioctlName(String v) { ioctlName = v; return this; }
    public Builder code(CtlCode v) { code = v; return this; }
    public Builder known(boolean v) { known = v; return this; }
    public Builder grantedAccess(int v) { grantedAccess = v; return this; }
    public Builder validatesAccess(List<String> v) { validatesAccess = v; return this; }
    public Builder requiresValidatedRight(boolean v) { requiresValidatedRight = v; return this; }
    public Builder origin(Origin v) { origin = v; return this; }

    public IoctlRequest build() {
      return new IoctlRequest(id, principal, handle, ioctlName, code, known, grantedAccess, validatesAccess,
          requiresValidatedRight, origin);
    }
  }

  @Override
  public String kind() {
    return "ioctl";
  }

  @Override
  public String target() {
    return ioctlName;
  }

  @Override
  public String defaultRequirement() {
    return "IOCTL-2";
  }
}
