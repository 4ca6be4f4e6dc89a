package io.drvguard.facts.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Representative tokens a configuration can name where a policy needs "who runs this": the
 * interactive user (a standard user, or an administrator's filtered UAC token) and the built-in
 * service accounts.
 */
public enum TokenPreset {
  INTERACTIVE_USER("interactiveUser", "interactive user", "the interactive user", "e.g. `IU`"),
  LOCAL_SYSTEM("localSystem", "LocalSystem", "LocalSystem", "`SY`"),
  LOCAL_SERVICE("localService", "LocalService", "LocalService", "`LS`"),
  NETWORK_SERVICE("networkService", "NetworkService", "NetworkService", "`NS`");

  /** A stand-in for the interactive user's own SID (never named by a descriptor written in advance). */
  public static final Sid INTERACTIVE_USER_SID = Sid.parse("S-1-5-21-1-2-3-1001");

  private final String id;
  private final String who;
  private final String grantee;
  private final String sddlHint;

  TokenPreset(String id, String who, String grantee, String sddlHint) {
    this.id = id;
    this.who = who;
    this.grantee = grantee;
    this.sddlHint = sddlHint;
  }

  /** How advice names the account to grant access to: {@code the interactive user}. */
  public String grantee() {
    return grantee;
  }

  /** The SDDL alias a descriptor grants the account by: {@code e.g. `IU`}, {@code `SY`}. */
  public String sddlHint() {
    return sddlHint;
  }

  /** The name configuration uses: {@code interactiveUser}. */
  public String id() {
    return id;
  }

  /** How messages name the account: {@code interactive user}, {@code LocalSystem}. */
  public String who() {
    return who;
  }

  /**
   * The token. A service account's token as the service control manager makes it, reduced to the
   * groups a device or object ACL names: the account's SID, Everyone, Users, Authenticated Users,
   * SERVICE and LOCAL (LocalSystem: SYSTEM, Administrators, Everyone, Authenticated Users).
   */
  public Token token() {
    return switch (this) {
      case INTERACTIVE_USER -> Token.interactiveUser(INTERACTIVE_USER_SID);
      case LOCAL_SYSTEM -> Token.localSystem();
      case LOCAL_SERVICE -> Token.of(Sid.LOCAL_SERVICE, Sid.EVERYONE, Sid.BUILTIN_USERS, Sid.AUTHENTICATED_USERS,
          Sid.SERVICE, Token.LOCAL).withDefaultPrivileges();
      case NETWORK_SERVICE -> Token.of(Sid.NETWORK_SERVICE, Sid.EVERYONE, Sid.BUILTIN_USERS,
          Sid.AUTHENTICATED_USERS, Sid.SERVICE, Token.LOCAL).withDefaultPrivileges();
    };
  }

  /** The preset configuration names {@code id} (any case), if any. */
  public static Optional<TokenPreset> of(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id.trim())).findFirst();
  }

  /** The names configuration accepts. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(TokenPreset::id).toList();
  }
}
