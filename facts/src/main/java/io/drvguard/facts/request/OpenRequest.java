package io.drvguard.facts.request;

import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * An {@code IRP_MJ_CREATE} as the I/O manager sees it, resolved by the device model. Build one with
 * {@link #builder()} rather than the 23 positional components.
 *
 * @param token the caller's token
 * @param openKind direct, namespace or relative open
 * @param path the name opened ({@code \Device\…}), or for a relative open the handle's name
 * @param found false when no device object has the name (then most fields are empty)
 * @param deviceObjectId the named (or, for a relative open, the handle's) device object
 * @param remainder the namespace part after the device name ({@code ""} for a direct open, {@code "\"} for the top-level directory)
 * @param stack the stack of the target device object
 * @param desiredAccess the access asked for, generic bits not yet mapped
 * @param deviceDescriptor the target object's effective descriptor (M-1); null when its SDDL does not parse
 * @param fileDescriptor the descriptor of the namespace object itself, for drivers that check it (NS-10)
 * @param secureOpen FILE_DEVICE_SECURE_OPEN on the top of the target's stack (NS-11)
 * @param namespaceSupported the driver supports names below its device ({@code driver.namespace})
 * @param failsNamespaceOpen the driver's IRP_MJ_CREATE fails a namespace open (NS-8)
 * @param checksFileAcl the driver checks a namespace open against {@code fileDescriptor} (NS-10)
 * @param failsRelatedOpen the driver's IRP_MJ_CREATE fails a relative open (NS-6)
 * @param exclusiveFlag DO_EXCLUSIVE set on the named device object (INF {@code Exclusive} or the
 *     IoCreateDevice argument)
 * @param driverEnforcesExclusive the driver fails a second open itself (NS-5)
 * @param openHandles handles already open on the device object (the I/O manager's count, NS-5)
 * @param deviceType the device object's type ({@code FILE_DEVICE_*} value); disk and CD-ROM
 *     devices get the traverse check whatever the caller's privileges (NS-2)
 * @param stackHandles handles already open on the target's stack (what a driver that enforces
 *     exclusivity itself counts, NS-5)
 * @param origin the package and scenario step the request comes from
 */
public record OpenRequest(
    String id,
    String principal,
    Token token,
    OpenKind openKind,
    String path,
    boolean found,
    String deviceObjectId,
    String stack,
    String remainder,
    int desiredAccess,
    SecurityDescriptor deviceDescriptor,
    SecurityDescriptor fileDescriptor,
    boolean secureOpen,
    boolean namespaceSupported,
    boolean failsNamespaceOpen,
    boolean checksFileAcl,
    boolean failsRelatedOpen,
    boolean exclusiveFlag,
    boolean driverEnforcesExclusive,
    int openHandles,
    int deviceType,
    int stackHandles,
    Origin origin) implements Request {

  /** FILE_DEVICE_UNKNOWN, the type of a device object nobody says otherwise of. */
  public static final int FILE_DEVICE_UNKNOWN = 0x22;

  public OpenRequest {
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A request whose origin is unknown. */
  public OpenRequest(String id, String principal, Token token, OpenKind openKind, String path, boolean found,
      String deviceObjectId, String stack, String remainder, int desiredAccess, SecurityDescriptor deviceDescriptor,
      SecurityDescriptor fileDescriptor, boolean secureOpen, boolean namespaceSupported, boolean failsNamespaceOpen,
      boolean checksFileAcl, boolean failsRelatedOpen, boolean exclusiveFlag, boolean driverEnforcesExclusive,
      int openHandles, int deviceType, int stackHandles) {
    this(id, principal, token, openKind, path, found, deviceObjectId, stack, remainder, desiredAccess, deviceDescriptor,
        fileDescriptor, secureOpen, namespaceSupported, failsNamespaceOpen, checksFileAcl, failsRelatedOpen,
        exclusiveFlag, driverEnforcesExclusive, openHandles, deviceType, stackHandles, Origin.UNKNOWN);
  }

  /** A request on a FILE_DEVICE_UNKNOWN device whose stack holds only the object's handles. */
  public OpenRequest(String id, String principal, Token token, OpenKind openKind, String path, boolean found,
      String deviceObjectId, String stack, String remainder, int desiredAccess, SecurityDescriptor deviceDescriptor,
      SecurityDescriptor fileDescriptor, boolean secureOpen, boolean namespaceSupported, boolean failsNamespaceOpen,
      boolean checksFileAcl, boolean failsRelatedOpen, boolean exclusiveFlag, boolean driverEnforcesExclusive,
      int openHandles) {
    this(id, principal, token, openKind, path, found, deviceObjectId, stack, remainder, desiredAccess, deviceDescriptor,
        fileDescriptor, secureOpen, namespaceSupported, failsNamespaceOpen, checksFileAcl, failsRelatedOpen,
        exclusiveFlag, driverEnforcesExclusive, openHandles, FILE_DEVICE_UNKNOWN, openHandles);
  }

  /**
   * A builder whose defaults describe the plainest open: a direct open ({@code remainder ""}) of a
   * device object that exists ({@code found}), on a FILE_DEVICE_UNKNOWN device, with no flag set,
   * no handle open and the stack's count equal to the object's; origin unknown.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of an {@link OpenRequest} by name; each setter returns the builder. */
  public static final class Builder {
    private String id;
    private String principal;
    private Token token;
    private OpenKind openKind = OpenKind.DIRECT;
    private String path;
    private boolean found = true;
    private String deviceObjectId;
    private String stack;
    private String remainder = "";
    private int desiredAccess;
    private SecurityDescriptor deviceDescriptor;
    private SecurityDescriptor fileDescriptor;
    private boolean secureOpen;
    private boolean namespaceSupported;
    private boolean failsNamespaceOpen;
    private boolean checksFileAcl;
    private boolean failsRelatedOpen;
    private boolean exclusiveFlag;
    private boolean driverEnforcesExclusive;
    private int openHandles;
    private int deviceType = FILE_DEVICE_UNKNOWN;
    /** Null: the same as {@link #openHandles}. */
    private Integer stackHandles;
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder id(String v) { id = v; return this; }
    public Builder principal(String v) { principal = v; return this; }
    /** The principal's name and token at once. */
    public Builder as(String name, Token t) { principal = name; token = t; return this; }
    public Builder token(Token v) { token = v; return this; }
    public Builder openKind(OpenKind v) { openKind = v; return this; }
    public Builder path(String v) { path = v; return this; }
    public Builder found(boolean v) { found = v; return this; }
    public Builder deviceObjectId(String v) { deviceObjectId = v; return this; }
    public Builder stack(String v) { stack = v; return this; }
    public Builder remainder(String v) { remainder = v; return this; }
    public Builder desiredAccess(int v) { desiredAccess = v; return this; }
    public Builder deviceDescriptor(SecurityDescriptor v) { deviceDescriptor = v; return this; }
    public Builder fileDescriptor(SecurityDescriptor v) { fileDescriptor = v; return this; }
    public Builder secureOpen(boolean v) { secureOpen = v; return this; }
    public Builder namespaceSupported(boolean v) { namespaceSupported = v; return this; }
    public Builder failsNamespaceOpen(boolean v) { failsNamespaceOpen = v; return this; }
    public Builder checksFileAcl(boolean v) { checksFileAcl = v; return this; }
    public Builder failsRelatedOpen(boolean v) { failsRelatedOpen = v; return this; }
    public Builder exclusiveFlag(boolean v) { exclusiveFlag = v; return this; }
    public Builder driverEnforcesExclusive(boolean v) { driverEnforcesExclusive = v; return this; }
    public Builder openHandles(int v) { openHandles = v; return this; }
    public Builder deviceType(int v) { deviceType = v; return this; }
    public Builder stackHandles(int v) { stackHandles = v; return this; }
    public Builder origin(Origin v) { origin = v; return this; }

    public OpenRequest build() {
      return new OpenRequest(id, principal, token, openKind, path, found, deviceObjectId, stack, remainder,
          desiredAccess, deviceDescriptor, fileDescriptor, secureOpen, namespaceSupported, failsNamespaceOpen,
          checksFileAcl, failsRelatedOpen, exclusiveFlag, driverEnforcesExclusive, openHandles, deviceType,
          stackHandles == null ? openHandles : stackHandles, origin);
    }
  }

  @Override
  public String kind() {
    return openKind == OpenKind.RELATIVE ? "relativeOpen" : "open";
  }

  @Override
  public String target() {
    return path;
  }

  @Override
  public String defaultRequirement() {
    return openKind == OpenKind.RELATIVE ? "NS-6" : "NS-1";
  }
}
