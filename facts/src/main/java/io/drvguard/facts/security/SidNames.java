package io.drvguard.facts.security;

import java.util.Map;

/** The names Windows shows for well-known SIDs, for messages: {@code Everyone}, {@code Users}. */
public final class SidNames {
  private SidNames() {}

  private static final Map<Sid, String> NAMES = Map.ofEntries(
      Map.entry(Sid.EVERYONE, "Everyone"),
      Map.entry(Sid.AUTHENTICATED_USERS, "Authenticated Users"),
      Map.entry(Sid.BUILTIN_USERS, "Users"),
      Map.entry(Sid.BUILTIN_GUESTS, "Guests"),
      Map.entry(Sid.BUILTIN_ADMINISTRATORS, "Administrators"),
      Map.entry(Sid.INTERACTIVE, "Interactive"),
      Map.entry(Sid.NETWORK, "Network"),
      Map.entry(Sid.SERVICE, "Service"),
      Map.entry(Sid.ANONYMOUS, "Anonymous"),
      Map.entry(Sid.RESTRICTED, "Restricted Code"),
      Map.entry(Sid.LOCAL_SYSTEM, "SYSTEM"),
      Map.entry(Sid.LOCAL_SERVICE, "LocalService"),
      Map.entry(Sid.NETWORK_SERVICE, "NetworkService"),
      Map.entry(Sid.ALL_APP_PACKAGES, "All Application Packages"),
      Map.entry(Token.LOCAL, "Local"));

  /** The display name of a well-known SID, else its SDDL form. */
  public static String name(Sid sid) {
    return NAMES.getOrDefault(sid, sid.toSddl());
  }

  /** {@code `WD` (Everyone)}, or {@code `S-1-5-21-…`} for a SID without a well-known name. */
  public static String text(Sid sid) {
    String name = NAMES.get(sid);
    return "`" + sid.toSddl() + "`" + (name == null ? "" : " (" + name + ")");
  }
}
