package io.drvguard.facts.request;

import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * An {@code IRP_MJ_CREATE} as the I/O manager sees it, resolved by the device model.
 *
 * @param found false when no device object has the name (then most fields are empty)
 * @param deviceObjectId the named (or, for a relative open, the handle's) device object
 * @param remainder the namespace part after the device name ({@code ""} for a direct open, {@code "\"} for the top-level directory)
 * @param desiredAccess the access asked for, generic bits not yet mapped
 * @param deviceDescriptor the target object's effective descriptor (M-1); null when its SDDL does not parse
 * @param fileDescriptor the descriptor of the namespace object itself, for drivers that check it (NS-10)
 * @param secureOpen FILE_DEVICE_SECURE_OPEN on the top of the target's stack (NS-11)
 * @param exclusiveFlag DO_EXCLUSIVE set on the device (INF {@code Exclusive} or the IoCreateDevice argument)
 * @param openHandles handles already open on the target's stack
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
    int openHandles) implements Request {

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
