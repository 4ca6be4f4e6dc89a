package io.drvguard.facts.security;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of an access token the DACL check reads: the user SID, the group SIDs and the
 * <em>enabled</em> privileges (a privilege present but disabled does not count in SeAccessCheck).
 *
 * <p>Membership is literal: well-known groups such as Everyone (WD) or Authenticated Users (AU)
 * apply only when they are in {@link #groups()}, as they are in real logon tokens. Use the
 * factories for the usual sets. Restricted tokens (restricting SIDs) and deny-only groups are not
 * modelled.
 *
 * @param user the user SID
 * @param groups the group SIDs, all enabled (Everyone, Users… only when listed)
 * @param privileges the enabled privileges by name, e.g. {@code SeLoadDriverPrivilege}
 */
public record Token(Sid user, Set<Sid> groups, Set<String> privileges) {
  /** "Manage auditing and security log": grants ACCESS_SYSTEM_SECURITY (reading and writing a SACL). */
  public static final String SE_SECURITY_PRIVILEGE = "SeSecurityPrivilege";
  /** "Take ownership": grants WRITE_OWNER whatever the DACL says. */
  public static final String SE_TAKE_OWNERSHIP_PRIVILEGE = "SeTakeOwnershipPrivilege";
  /** "Load and unload device drivers". */
  public static final String SE_LOAD_DRIVER_PRIVILEGE = "SeLoadDriverPrivilege";
  /** "Bypass traverse checking": spares the holder the I/O manager's traverse check (NS-2). */
  public static final String SE_CHANGE_NOTIFY_PRIVILEGE = "SeChangeNotifyPrivilege";
  /**
   * The privileges Windows gives every logon token by default (Everyone holds the user right
   * "Bypass traverse checking"); a restricted token can lack them (DESIGN.md "Scenario").
   */
  public static final Set<String> DEFAULT_PRIVILEGES = Set.of(SE_CHANGE_NOTIFY_PRIVILEGE);
  /** S-1-2-0, in every interactive logon's token. */
  public static final Sid LOCAL = Sid.parse("S-1-2-0");

  public Token {
    Objects.requireNonNull(user, "user");
    groups = Set.copyOf(groups);
    privileges = Set.copyOf(privileges);
  }

  /** A token for {@code user} in {@code groups}, with no privileges enabled. */
  public static Token of(Sid user, Sid... groups) {
    return new Token(user, Set.of(groups), Set.of());
  }

  /**
   * LocalSystem as services run: SYSTEM, member of Administrators, Everyone and Authenticated Users,
   * with the default privileges.
   */
  public static Token localSystem() {
    return of(Sid.LOCAL_SYSTEM, Sid.BUILTIN_ADMINISTRATORS, Sid.EVERYONE, Sid.AUTHENTICATED_USERS)
        .withDefaultPrivileges();
  }

  /**
   * A standard interactive user (or an administrator's filtered UAC token): Everyone, LOCAL, Users,
   * Interactive, Authenticated Users, with the default privileges.
   */
  public static Token interactiveUser(Sid user) {
    return of(user, Sid.EVERYONE, LOCAL, Sid.BUILTIN_USERS, Sid.INTERACTIVE, Sid.AUTHENTICATED_USERS)
        .withDefaultPrivileges();
  }

  /** This token with {@code more} groups added. */
  public Token withGroups(Sid... more) {
    Set<Sid> g = new HashSet<>(groups);
    g.addAll(Arrays.asList(more));
    return new Token(user, g, privileges);
  }

  /** This token with the named privileges enabled. */
  public Token withPrivileges(String... names) {
    Set<String> p = new HashSet<>(privileges);
    p.addAll(Arrays.asList(names));
    return new Token(user, groups, p);
  }

  /** This token with {@link #DEFAULT_PRIVILEGES} added. */
  public Token withDefaultPrivileges() {
    return withPrivileges(DEFAULT_PRIVILEGES.toArray(String[]::new));
  }

  /** Whether the I/O manager skips the traverse check for this token (SeChangeNotifyPrivilege). */
  public boolean bypassesTraverse() {
    return hasPrivilege(SE_CHANGE_NOTIFY_PRIVILEGE);
  }

  /** True when {@code sid} is the user or one of the groups. */
  public boolean hasSid(Sid sid) {
    return user.equals(sid) || groups.contains(sid);
  }

  /** True when the privilege {@code name} is enabled. */
  public boolean hasPrivilege(String name) {
    return privileges.contains(name);
  }
}
