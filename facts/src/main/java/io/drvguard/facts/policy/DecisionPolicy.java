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
 * <p><b>Opens with no access.</b> {@link AccessCheck} denies a desired access of 0 as SeAccessCheck
 * does, but the I/O manager lets a caller open a device asking for no access at all (the handle then
 * holds no rights; that is how IOCTL-5's "handle opened with no access" comes to exist). drvguard
 * models such an open as allowed with granted access 0 once the caller passes the traverse check
 * on the device object (NS-2: "by denying traversal rights to its device object, a driver can deny
 * all access to its device"), for direct and namespace opens alike. A non-zero desired access
 * (including {@code MAXIMUM_ALLOWED} alone) goes through {@link AccessCheck} unchanged.
 *
 * <p><b>Traverse.</b> The traverse check is {@code FILE_TRAVERSE} (0x20) through {@link AccessCheck}:
 * a DACL that does not grant it denies it. The bypass-traverse-checking privilege
 * ({@code SeChangeNotifyPrivilege}) is not modelled: NS-2 says such a device denies all opens.
 */
public final class DecisionPolicy {
  private DecisionPolicy() {}

  /** The rights {@code IoValidateDeviceIoControlAccess} can ask for. */
  private static final int VALIDATABLE = AccessMask.FILE_READ_ACCESS | AccessMask.FILE_WRITE_ACCESS;

  /** True for a direct open or a namespace open: the opens the I/O manager parses by name. */
  public static boolean byName(OpenRequest r) {
    return r.openKind() == OpenKind.DIRECT || r.openKind() == OpenKind.NAMESPACE;
  }

  /** The traverse check (NS-2) of {@code token} against the device object's descriptor. */
  public static AccessResult traverse(SecurityDescriptor sd, Token token) {
    AccessResult r = AccessCheck.check(sd, token, AccessMask.FILE_TRAVERSE, GenericMapping.FILE);
    return r.granted()
        ? AccessResult.deferred(true, 0, () -> "traverse " + r.reason())
        : AccessResult.deferred(false, 0, () -> "traverse (`FILE_TRAVERSE`) " + r.reason());
  }

  /**
   * The file-object access check of an open: {@link AccessCheck} for a non-zero desired access;
   * for a desired access of 0 the traverse check, granting no rights (see the class comment).
   */
  public static AccessResult fileAccess(SecurityDescriptor sd, Token token, int desiredAccess) {
    if (desiredAccess == 0) {
      AccessResult t = traverse(sd, token);
      return t.granted()
          ? AccessResult.deferred(true, 0, () -> "no access requested: the handle is opened with no rights ("
              + t.reason() + ")")
          : t;
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

  /** DO_EXCLUSIVE is set and a handle is already open: the I/O manager fails the open (NS-5). */
  public static boolean exclusiveByIoManager(OpenRequest r) {
    return byName(r) && r.exclusiveFlag() && r.openHandles() > 0;
  }

  /** No DO_EXCLUSIVE, but the driver enforces exclusivity and a handle is already open (NS-5). */
  public static boolean exclusiveByDriver(OpenRequest r) {
    return byName(r) && !r.exclusiveFlag() && r.driverEnforcesExclusive() && r.openHandles() > 0;
  }

  /** Either kind of sharing violation (NS-5). */
  public static boolean sharingViolation(OpenRequest r) {
    return exclusiveByIoManager(r) || exclusiveByDriver(r);
  }

  /** The rights the code's access field requires that the handle lacks (IOCTL-2); 0 when none. */
  public static int missingRequired(CtlCode code, int grantedAccess) {
    return code.requiredAccess().fileAccessMask() & ~grantedAccess;
  }

  /** Windows Server 2003 and later: a FILE_ANY_ACCESS IOCTL on a handle with no rights (IOCTL-5). */
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
    return AccessCheck.check(sd, token, desiredAccess, StillImagePolicy.mapping(type));
  }

  /** What the creator of a new kernel object holds: all rights of its type. */
  public static int creatorAccess(KernelObjectType type) {
    return StillImagePolicy.mapping(type).all();
  }

  /** The rights as names of the kernel object's type, e.g. {@code MUTANT_QUERY_STATE|SYNCHRONIZE}. */
  public static String objectRights(int mask, KernelObjectType type) {
    return AccessMask.describe(mask, StillImagePolicy.mapping(type));
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
