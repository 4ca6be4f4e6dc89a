package io.drvguard.facts.security;

import static io.drvguard.facts.security.AccessMask.ACCESS_SYSTEM_SECURITY;
import static io.drvguard.facts.security.AccessMask.MAXIMUM_ALLOWED;
import static io.drvguard.facts.security.AccessMask.READ_CONTROL;
import static io.drvguard.facts.security.AccessMask.WRITE_DAC;
import static io.drvguard.facts.security.AccessMask.WRITE_OWNER;

import java.util.Arrays;
import java.util.List;

/**
 * The DACL part of Windows' access check (SeAccessCheck / AccessCheck, "How DACLs Control Access
 * to an Object" in the Windows security documentation), requirement M-2.
 *
 * <p>Order of evaluation, as in Windows:
 * <ol>
 *   <li>generic bits of the desired access are mapped through the object type's mapping;
 *   <li>a desired access of 0 without MAXIMUM_ALLOWED is denied — SeAccessCheck returns
 *       STATUS_ACCESS_DENIED when nothing is asked for and nothing was previously granted. (A
 *       Win32 CreateFile with no access never asks for nothing: it adds SYNCHRONIZE and
 *       FILE_READ_ATTRIBUTES; see DecisionPolicy);
 *   <li>ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege (denied otherwise, even with a NULL DACL);
 *       SeTakeOwnershipPrivilege grants WRITE_OWNER;
 *   <li>an absent or NULL DACL grants everything asked for (MAXIMUM_ALLOWED: the mapping's
 *       GENERIC_ALL rights);
 *   <li>the owner is granted READ_CONTROL and WRITE_DAC before the DACL is read, so deny ACEs
 *       cannot take them away — unless the DACL has an effective OWNER RIGHTS (S-1-3-4) ACE, in
 *       which case those ACEs decide the owner's rights instead;
 *   <li>ACEs are read in order; inherit-only ACEs are skipped; an allow ACE whose SID is in the
 *       token grants its (mapped) bits; a deny ACE whose SID is in the token denies the request as
 *       soon as it names a desired bit not yet granted. With MAXIMUM_ALLOWED every ACE is read and
 *       the result is the bits allowed before any deny for them.
 * </ol>
 * Object ACEs with an object type GUID only take part in an access check by object type list,
 * which drvguard does not model, so they are skipped; object ACEs without one act as plain ACEs.
 */
public final class AccessCheck {
  private AccessCheck() {}

  /** Bits an ACE can never grant: they come from privileges or from the request form. */
  private static final int NOT_FROM_ACES = ACCESS_SYSTEM_SECURITY | MAXIMUM_ALLOWED;

  /**
   * The rights a MAXIMUM_ALLOWED open by {@code token} gets (generic rights mapped through
   * {@code mapping}); 0 when the check denies.
   */
  public static int maximumAllowed(SecurityDescriptor sd, Token token, GenericMapping mapping) {
    AccessResult r = check(sd, token, MAXIMUM_ALLOWED, mapping);
    return r.granted() ? r.grantedAccess() & ~MAXIMUM_ALLOWED : 0;
  }

  /** The part of {@code needed} (mapped through {@code mapping}) that {@code token} cannot get; 0 when it gets all. */
  public static int missing(SecurityDescriptor sd, Token token, int needed, GenericMapping mapping) {
    return mapping.map(needed) & ~maximumAllowed(sd, token, mapping);
  }

  /**
   * Windows' access check of {@code token} for {@code desiredAccess} (generic rights mapped through
   * {@code mapping}) against {@code sd}: whether it is granted, the rights granted, and why.
   */
  public static AccessResult check(SecurityDescriptor sd, Token token, int desiredAccess, GenericMapping mapping) {
    int mapped = mapping.map(desiredAccess);
    boolean maximum = (mapped & MAXIMUM_ALLOWED) != 0;
    int desired = mapped & ~MAXIMUM_ALLOWED;
    if (desired == 0 && !maximum) {
      return AccessResult.deny("no access requested");
    }

    int previously = 0;
    int sources = 0;
    if ((desired & ACCESS_SYSTEM_SECURITY) != 0) {
      if (!token.hasPrivilege(Token.SE_SECURITY_PRIVILEGE)) {
        return AccessResult.deny("`ACCESS_SYSTEM_SECURITY` requires `" + Token.SE_SECURITY_PRIVILEGE + "`");
      }
      previously |= ACCESS_SYSTEM_SECURITY;
      sources |= BY_SECURITY_PRIVILEGE;
    }
    if (((desired & WRITE_OWNER) != 0 || maximum) && token.hasPrivilege(Token.SE_TAKE_OWNERSHIP_PRIVILEGE)) {
      previously |= WRITE_OWNER;
      sources |= BY_TAKE_OWNERSHIP_PRIVILEGE;
    }

    if (sd.hasNullDacl()) {
      int access = maximum ? (mapping.all() | desired) : desired;
      return AccessResult.grant(access | previously, sd.dacl().isEmpty() ? "no dacl grants all access" : "null dacl grants all access");
    }
    List<Ace> aces = sd.dacl().get().aces();

    boolean isOwner = sd.owner().isPresent() && token.hasSid(sd.owner().get());
    boolean ownerRightsAce = isOwner && hasOwnerRightsAce(aces);
    if (isOwner && !ownerRightsAce) {
      int implicit = (READ_CONTROL | WRITE_DAC) & (maximum ? ~0 : desired);
      if (implicit != 0) {
        previously |= implicit;
        sources |= BY_OWNER;
      }
    }

    return maximum
        ? maximumAllowed(aces, token, isOwner, desired, previously, mapping)
        : exact(aces, token, isOwner, desired, previously, sources, mapping);
  }

  private static AccessResult exact(
      List<Ace> aces, Token token, boolean isOwner, int desired, int previously, int sources, GenericMapping mapping) {
    int remaining = desired & ~previously;
    if (remaining == 0) {
      return AccessResult.grant(desired, () -> grantedBy(sources, aces, null, 0));
    }
    int[] granting = null;
    int count = 0;
    for (int i = 0; i < aces.size(); i++) {
      Ace ace = aces.get(i);
      if (!applies(ace, token, isOwner)) {
        continue;
      }
      int mask = mapping.map(ace.mask()) & ~NOT_FROM_ACES;
      if (ace.type().isAllow()) {
        if ((mask & remaining) != 0) {
          remaining &= ~mask;
          if (granting == null) {
            granting = new int[Math.min(4, aces.size())];
          } else if (count == granting.length) {
            granting = Arrays.copyOf(granting, count * 2);
          }
          granting[count++] = i;
          if (remaining == 0) {
            int[] indices = granting;
            int n = count;
            return AccessResult.grant(desired, () -> grantedBy(sources, aces, indices, n));
          }
        }
      } else if ((mask & remaining) != 0) {
        int index = i;
        return AccessResult.deny(() -> "denied by " + describe(index, ace));
      }
    }
    int missing = remaining;
    return AccessResult.deny(() -> "no ACE grants `" + AccessMask.describe(missing, mapping) + "`");
  }

  // what granted bits before the ACEs were read, in the order reasons name them
  private static final int BY_SECURITY_PRIVILEGE = 1;
  private static final int BY_TAKE_OWNERSHIP_PRIVILEGE = 2;
  private static final int BY_OWNER = 4;

  /** {@code granted by} the privileges, owner rights and ACEs ({@code indices[0..count)}) that granted, in order. */
  private static String grantedBy(int sources, List<Ace> aces, int[] indices, int count) {
    StringBuilder sb = new StringBuilder("granted by ");
    String sep = "";
    if ((sources & BY_SECURITY_PRIVILEGE) != 0) {
      sb.append("privilege `").append(Token.SE_SECURITY_PRIVILEGE).append('`');
      sep = ", ";
    }
    if ((sources & BY_TAKE_OWNERSHIP_PRIVILEGE) != 0) {
      sb.append(sep).append("privilege `").append(Token.SE_TAKE_OWNERSHIP_PRIVILEGE).append('`');
      sep = ", ";
    }
    if ((sources & BY_OWNER) != 0) {
      sb.append(sep).append("owner implicit rights");
      sep = ", ";
    }
    for (int k = 0; k < count; k++) {
      sb.append(sep).append(describe(indices[k], aces.get(indices[k])));
      sep = ", ";
    }
    return sb.toString();
  }

  private static AccessResult maximumAllowed(
      List<Ace> aces, Token token, boolean isOwner, int desired, int previously, GenericMapping mapping) {
    int allowed = previously;
    int denied = 0;
    int firstDenyIndex = -1;
    Ace firstDeny = null;
    for (int i = 0; i < aces.size(); i++) {
      Ace ace = aces.get(i);
      if (!applies(ace, token, isOwner)) {
        continue;
      }
      int mask = mapping.map(ace.mask()) & ~NOT_FROM_ACES;
      if (ace.type().isAllow()) {
        allowed |= mask & ~denied;
      } else {
        int newly = mask & ~allowed & ~denied;
        denied |= newly;
        if ((newly & desired) != 0 && firstDeny == null) {
          firstDeny = ace;
          firstDenyIndex = i;
        }
      }
    }
    int missing = desired & ~allowed;
    if (missing != 0) {
      if (firstDeny != null && (missing & denied) != 0) {
        int index = firstDenyIndex;
        Ace ace = firstDeny;
        return AccessResult.deny(() -> "denied by " + describe(index, ace));
      }
      return AccessResult.deny(() -> "no ACE grants `" + AccessMask.describe(missing, mapping) + "`");
    }
    if (allowed == 0) {
      return AccessResult.deny("no ACE grants any access");
    }
    int granted = allowed;
    return AccessResult.grant(allowed, () -> "maximum allowed `" + AccessMask.describe(granted, mapping) + "`");
  }

  private static boolean hasOwnerRightsAce(List<Ace> aces) {
    for (int i = 0; i < aces.size(); i++) {
      Ace a = aces.get(i);
      if (effective(a) && a.sid().equals(Sid.OWNER_RIGHTS)) {
        return true;
      }
    }
    return false;
  }

  private static boolean effective(Ace ace) {
    return !ace.has(AceFlag.INHERIT_ONLY)
        && (ace.type().isAllow() || ace.type().isDeny())
        && ace.objectType().isEmpty();
  }

  private static boolean applies(Ace ace, Token token, boolean isOwner) {
    if (!effective(ace)) {
      return false;
    }
    Sid sid = ace.sid();
    return token.hasSid(sid) || (isOwner && sid.equals(Sid.OWNER_RIGHTS));
  }

  /** ACEs are numbered from 1 in reasons, as a reviewer counts them in the SDDL. */
  private static String describe(int index, Ace ace) {
    return "ACE " + (index + 1) + " `" + ace.toSddl() + "`";
  }
}
