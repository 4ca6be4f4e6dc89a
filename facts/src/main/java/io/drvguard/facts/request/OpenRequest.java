package io.drvguard.facts.request;

import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * An {@code IRP_MJ_CREATE} as the I/O manager sees it, resolved by the device model.
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
    int stackHandles) implements Request {

  /** FILE_DEVICE_UNKNOWN, the type of a device object nobody says otherwise of. */
  public static final int FILE_DEVICE_UNKNOWN = 0x22;

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
