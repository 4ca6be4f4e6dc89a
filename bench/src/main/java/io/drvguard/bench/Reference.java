package io.drvguard.bench;

import io.drvguard.facts.ioctl.RequiredAccess;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessCheck;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.AccessResult;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;
import java.util.List;

/**
 * The plain-Java reference: the open and IOCTL decisions of {@code drvguard/rules/decisions/Opens.drl}
 * (DIRECT opens) and {@code Ioctls.drl}, written as straight-line Java with no rule engine. It uses
 * the same security core ({@link AccessCheck}) on the same request records and returns the same
 * verdict, NTSTATUS, granted access, requirement and rule id, in the order the rules' salience
 * gives (the first deny wins). Reasons are shorter than the rules' (the access check's own reason).
 *
 * <p>Not covered (the benchmark does not generate them): namespace and relative opens, forwards,
 * kernel objects; for those it throws.
 */
public final class Reference {
  private static final int VALIDATABLE = AccessMask.FILE_READ_ACCESS | AccessMask.FILE_WRITE_ACCESS;

  public Decision decide(Request request) {
    if (request instanceof OpenRequest o) {
      return open(o);
    }
    if (request instanceof IoctlRequest i) {
      return ioctl(i);
    }
    throw new UnsupportedOperationException("the reference decides opens and IOCTLs only, not " + request.kind());
  }

  /** A DIRECT open of {@code \Device\Name}. */
  public Decision open(OpenRequest r) {
    if (r.openKind() != OpenKind.DIRECT) {
      throw new UnsupportedOperationException("the reference decides DIRECT opens only");
    }
    if (!r.found()) {
      return deny(r, "OpenTargetNotFound", "NS-1", NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no such device");
    }
    if (r.exclusiveFlag() && r.openHandles() > 0) {
      return deny(r, "ExclusiveDeviceAlreadyOpen", "NS-5", NtStatus.STATUS_ACCESS_DENIED, "DO_EXCLUSIVE");
    }
    SecurityDescriptor sd = r.deviceDescriptor();
    if (sd == null) {
      return deny(r, "DeviceDescriptorUnknown", "NS-1", NtStatus.STATUS_ACCESS_DENIED, "descriptor unknown");
    }
    Token token = r.token();
    // SeAccessCheck denies a desired access of 0 (nothing asked, nothing previously granted)
    AccessResult access = AccessCheck.check(sd, token, r.desiredAccess(), GenericMapping.FILE);
    if (!access.granted()) {
      return deny(r, "DirectOpenDenied", "NS-1", NtStatus.STATUS_ACCESS_DENIED, access.reason());
    }
    if (!r.exclusiveFlag() && r.driverEnforcesExclusive() && r.stackHandles() > 0) {
      return deny(r, "DriverExclusiveDeviceAlreadyOpen", "NS-5", NtStatus.STATUS_SHARING_VIOLATION,
          "the driver allows one handle");
    }
    return allow(r, "DirectOpenGranted", "NS-1", access.grantedAccess(), access.reason());
  }

  /** An IRP_MJ_DEVICE_CONTROL on a handle. */
  public Decision ioctl(IoctlRequest r) {
    int granted = r.grantedAccess();
    RequiredAccess required = r.code().requiredAccess();
    if ((required.fileAccessMask() & ~granted) != 0) {
      return deny(r, "IoctlRequiredAccessMissing", "IOCTL-2", NtStatus.STATUS_ACCESS_DENIED, "required access");
    }
    if (r.requiresValidatedRight() && required == RequiredAccess.ANY && granted == 0) {
      return deny(r, "IoctlNoValidatedRight", "IOCTL-5", NtStatus.STATUS_ACCESS_DENIED, "no validated right");
    }
    if (!r.known()) {
      return deny(r, "IoctlUnknownCode", "IOCTL-2", NtStatus.STATUS_INVALID_DEVICE_REQUEST, "unknown code");
    }
    int validated = 0;
    for (String name : r.validatesAccess()) {
      int v;
      try {
        v = AccessMask.parseName(name);
      } catch (IllegalArgumentException e) {
        v = 0;
      }
      if (v == 0 || (v & ~VALIDATABLE) != 0) {
        return deny(r, "IoctlValidationUnreadable", "IOCTL-4", NtStatus.STATUS_ACCESS_DENIED, "validation unreadable");
      }
      validated |= v;
    }
    if ((validated & ~granted) != 0) {
      return deny(r, "IoctlValidatedAccessMissing", "IOCTL-4", NtStatus.STATUS_ACCESS_DENIED, "validated access");
    }
    return allow(r, "IoctlAllowed", "IOCTL-2", granted, "handle holds the access");
  }

  private static Decision deny(Request r, String rule, String requirement, NtStatus status, String reason) {
    return new Decision(r.id(), Verdict.DENY, status, 0, requirement, rule, reason, List.of(rule));
  }

  private static Decision allow(Request r, String rule, String requirement, int granted, String reason) {
    return new Decision(r.id(), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, granted, requirement, rule, reason,
        List.of(rule));
  }
}
