package io.drvguard.facts.policy;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.ioctl.RequiredAccess;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.OpenKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.security.AccessCheck;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.AccessResult;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;
import java.util.List;

/**
 * The computations behind the decision rules ({@code drvguard/rules/decisions}): the access checks
 * of an open as the I/O manager and the driver make them, the IOCTL access comparisons and the
 * sharing checks. Pure functions over the request records.
 *
 * <p><b>What the I/O manager checks on an open</b> (docs/semantics.md). A direct open
 * ({@code \Device\Name}) is checked against the device object's descriptor for the desired access.
 * A namespace open ({@code \Device\Name\anything}) or a relative open gets the same check when the
 * top of the stack has FILE_DEVICE_SECURE_OPEN; otherwise the I/O manager makes at most a traverse
 * check ({@code FILE_TRAVERSE}), and only for a token without SeChangeNotifyPrivilege (which every
 * token holds by default) or on a disk or CD-ROM device; the rest is the driver's.
 *
 * <p><b>Opens with no access.</b> SeAccessCheck grants nothing when nothing is asked for and nothing
 * was previously granted, so a checked open with a desired access of 0 is denied ({@link AccessCheck}
 * does the same). Win32 CreateFile never asks for nothing: it adds SYNCHRONIZE and
 * FILE_READ_ATTRIBUTES, so {@code CreateFile(..., 0, ...)} reaches the I/O manager as those two
 * rights (the device model adds them for {@code api: win32} opens). An open nobody checks (a
 * namespace or relative hole) still yields a handle with exactly the rights asked for, possibly
 * none: the "handle with no access" of IOCTL-5.
 */
public final class DecisionPolicy {
  private DecisionPolicy() {}

  /** The rights {@code IoValidateDeviceIoControlAccess} can ask for. */
  private static final int VALIDATABLE = AccessMask.FILE_READ_ACCESS | AccessMask.FILE_WRITE_ACCESS;

  /** True for a direct open or a namespace open: the opens the I/O manager parses by name. */
  public static boolean byName(OpenRequest r) {
    return r.openKind() == OpenKind.DIRECT || r.openKind() == OpenKind.NAMESPACE;
  }

  /** FILE_DEVICE_DISK and FILE_DEVICE_CD_ROM: the device types traversed even with SeChangeNotifyPrivilege. */
  private static final int FILE_DEVICE_CD_ROM = 0x2;
  private static final int FILE_DEVICE_DISK = 0x7;

  /**
   * Whether the I/O manager itself checks the desired access against the device object's
   * descriptor: for a direct open always, for a namespace or relative open only when the top of
   * the stack has FILE_DEVICE_SECURE_OPEN (NS-1, NS-6, NS-11).
   */
  public static boolean ioManagerChecksAccess(OpenRequest r) {
    return r.openKind() == OpenKind.DIRECT || r.secureOpen();
  }

  /**
   * Whether the I/O manager makes the traverse check (NS-2): a namespace or relative open that it
   * does not check in full, by a token without SeChangeNotifyPrivilege or on a disk or CD-ROM device.
   */
  public static boolean traverseChecked(OpenRequest r) {
    return !ioManagerChecksAccess(r)
        && (r.token() == null || !r.token().bypassesTraverse() || traversedType(r.deviceType()));
  }

  /** True for the device types the I/O manager traverse-checks whatever the caller's privileges. */
  public static boolean traversedType(int deviceType) {
    return deviceType == FILE_DEVICE_DISK || deviceType == FILE_DEVICE_CD_ROM;
  }

  /** No traverse check is made, or it is made and granted (false when the descriptor is unknown). */
  public static boolean traversePasses(OpenRequest r) {
    return !traverseChecked(r) || (r.deviceDescriptor() != null && traverse(r.deviceDescriptor(), r.token()).granted());
  }

  /** Why the traverse check is made, for reasons: the missing privilege or the device type. */
  public static String traverseCause(OpenRequest r) {
    return r.token() != null && r.token().bypassesTraverse()
        ? "the device is a disk or CD-ROM, which the I/O manager traverse-checks whatever the caller's privileges"
        : "`" + r.principal() + "` lacks SeChangeNotifyPrivilege (bypass traverse checking)";
  }

  /** The traverse check (NS-2) of {@code token} against the device object's descriptor. */
  public static AccessResult traverse(SecurityDescriptor sd, Token token) {
    AccessResult r = AccessCheck.check(sd, token, AccessMask.FILE_TRAVERSE, GenericMapping.FILE);
    return r.granted()
        ? AccessResult.deferred(true, 0, () -> "traverse " + r.reason())
        : AccessResult.deferred(false, 0, () -> "traverse (`FILE_TRAVERSE`) " + r.reason());
  }

  /**
   * The file-object access check of an open, {@link AccessCheck} with the file mapping; a desired
   * access of 0 is denied, as SeAccessCheck denies it (see the class comment).
   */
  public static AccessResult fileAccess(SecurityDescriptor sd, Token token, int desiredAccess) {
    if (desiredAccess == 0) {
      return AccessResult.deferred(false, 0, () -> "no access was asked for, and SeAccessCheck grants nothing when nothing is asked"
          + " and nothing was previously granted (Win32 CreateFile would have asked for"
          + " SYNCHRONIZE|FILE_READ_ATTRIBUTES)");
    }
    return AccessCheck.check(sd, token, desiredAccess, GenericMapping.FILE);
  }

  /**
   * What a handle holds when nobody checks the open (a namespace hole): the desired access with its
   * generic bits mapped, and {@code MAXIMUM_ALLOWED} resolved to all file rights.
   */
  public static int uncheckedAccess(int desiredAccess) {
    int mapped = GenericMapping.FILE.map(desiredAccess);
    if ((mapped & AccessMask.MAXIMUM_ALLOWED) != 0) {
      mapped = (mapped & ~AccessMask.MAXIMUM_ALLOWED) | AccessMask.FILE_ALL_ACCESS;
    }
    return mapped;
  }

  /**
   * DO_EXCLUSIVE is set on the named device object and a handle to it is already open: the I/O
   * manager fails an open by name, namespace opens included (NS-5); relative opens pass.
   */
  public static boolean exclusiveByIoManager(OpenRequest r) {
    return byName(r) && r.exclusiveFlag() && r.openHandles() > 0;
  }

  /** No DO_EXCLUSIVE, but the driver enforces exclusivity and a handle is already open (NS-5). */
  public static boolean exclusiveByDriver(OpenRequest r) {
    return byName(r) && !r.exclusiveFlag() && r.driverEnforcesExclusive() && r.stackHandles() > 0;
  }

  /** Either kind of sharing violation (NS-5). */
  public static boolean sharingViolation(OpenRequest r) {
    return exclusiveByIoManager(r) || exclusiveByDriver(r);
  }

  /** The rights the code's access field requires that the handle lacks (IOCTL-2); 0 when none. */
  public static int missingRequired(CtlCode code, int grantedAccess) {
    return code.requiredAccess().fileAccessMask() & ~grantedAccess;
  }

  /**
   * Windows Server 2003 and later: a FILE_ANY_ACCESS IOCTL on a handle holding no right at all
   * (IOCTL-5). Any right counts, SYNCHRONIZE alone included, so a handle from
   * {@code CreateFile(..., 0, ...)} (SYNCHRONIZE|FILE_READ_ATTRIBUTES) passes.
   */
  public static boolean noValidatedRight(IoctlRequest r) {
    return r.requiresValidatedRight() && r.code().requiredAccess() == RequiredAccess.ANY && r.grantedAccess() == 0;
  }

  /**
   * The rights the driver asks {@code IoValidateDeviceIoControlAccess} for (IOCTL-4):
   * {@code FILE_READ_ACCESS} (1), {@code FILE_WRITE_ACCESS} (2), also written as
   * {@code FILE_READ_DATA}/{@code FILE_WRITE_DATA} or joined with {@code |}.
   *
   * @throws IllegalArgumentException for any other right (the routine takes only these two), so
   *     that the request fails closed with the reason
   */
  public static int validatedMask(List<String> names) {
    int mask = 0;
    for (String n : names) {
      int v = AccessMask.parseName(n);
      if (v == 0 || (v & ~VALIDATABLE) != 0) {
        throw new IllegalArgumentException("IoValidateDeviceIoControlAccess takes FILE_READ_ACCESS or"
            + " FILE_WRITE_ACCESS, not `" + n.trim() + "`");
      }
      mask |= v;
    }
    return mask;
  }

  /** Why {@link #validatedMask} cannot read the names, or null when it can. */
  public static String validationProblem(List<String> names) {
    try {
      validatedMask(names);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * True when the driver's {@code IoValidateDeviceIoControlAccess} check asks for
   * {@code FILE_WRITE_ACCESS}: the only check that keeps a handle opened for reading alone from a
   * state-changing code, since such a handle passes a check for {@code FILE_READ_ACCESS}. False
   * when the names cannot be read.
   */
  public static boolean validatesWrite(List<String> names) {
    return validationProblem(names) == null && (validatedMask(names) & AccessMask.FILE_WRITE_ACCESS) != 0;
  }

  /**
   * The rights the driver validates (IOCTL-4) that the handle lacks; 0 when none, and 0 when the
   * names cannot be read (that request is denied by its own rule, see {@link #validationProblem}).
   */
  public static int missingValidated(IoctlRequest r) {
    return validationProblem(r.validatesAccess()) != null ? 0 : validatedMask(r.validatesAccess()) & ~r.grantedAccess();
  }

  /** The rights as names, e.g. {@code FILE_READ_DATA|FILE_WRITE_DATA}. */
  public static String rights(int mask) {
    return AccessMask.describe(mask);
  }

  /** The access check of a kernel object open with the object type's generic mapping (STI-2). */
  public static AccessResult objectAccess(SecurityDescriptor sd, Token token, int desiredAccess, KernelObjectType type) {
    return AccessCheck.check(sd, token, desiredAccess, type.mapping());
  }

  /** What the creator of a new kernel object holds: all rights of its type. */
  public static int creatorAccess(KernelObjectType type) {
    return type.mapping().all();
  }

  /** The rights as names of the kernel object's type, e.g. {@code MUTANT_QUERY_STATE|SYNCHRONIZE}. */
  public static String objectRights(int mask, KernelObjectType type) {
    return AccessMask.describe(mask, type.mapping());
  }

  /** True when the privilege name is given (not null or blank). */
  public static boolean names(String privilege) {
    return privilege != null && !privilege.isBlank();
  }

  /** Whether the token holds the (trimmed) privilege. */
  public static boolean holds(Token token, String privilege) {
    return token != null && privilege != null && token.hasPrivilege(privilege.trim());
  }
}
