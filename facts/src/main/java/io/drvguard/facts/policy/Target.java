package io.drvguard.facts.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Windows version a package or scenario is judged against (scenario key {@code target},
 * setting {@code policy.target}). Only the behaviour the requirements depend on is modelled: from
 * Windows Server 2003 on, a {@code FILE_ANY_ACCESS} IOCTL still needs at least one validated right
 * on the handle (IOCTL-5); from Windows 8 (Server 2012) on, the device-object SDDL subset knows the
 * {@code UD} alias (OBJ-9). Client and server releases are listed in release order; XP is the only
 * release after Windows 2000 that predates the Server 2003 I/O manager.
 */
public enum Target {
  WIN2000("win2000", false),
  WINXP("winxp", false),
  WIN2003("win2003", true),
  VISTA("vista", true),
  WIN2008("win2008", true),
  WIN7("win7", true),
  WIN2008R2("win2008r2", true),
  WIN8("win8", true),
  WIN2012("win2012", true),
  WIN81("win81", true),
  WIN2012R2("win2012r2", true),
  WIN10("win10", true),
  WIN2016("win2016", true),
  WIN2019("win2019", true),
  WIN2022("win2022", true),
  WIN11("win11", true),
  WIN2025("win2025", true);

  /** What a scenario without {@code target} runs against. */
  public static final Target DEFAULT = WIN10;

  private final String id;
  private final boolean validatedRight;

  Target(String id, boolean validatedRight) {
    this.id = id;
    this.validatedRight = validatedRight;
  }

  /** The scenario spelling, e.g. {@code win2003}. */
  public String id() {
    return id;
  }

  /** IOCTL-5: Windows Server 2003 or later. */
  public boolean requiresValidatedRight() {
    return validatedRight;
  }

  /**
   * OBJ-9: {@code UD} (user-mode drivers) is in the IoCreateDeviceSecure alias list from Windows 8
   * on; earlier releases need its full form {@code S-1-5-84-0-0-0-0-0} (Microsoft, "SDDL for
   * Device Objects").
   */
  public boolean knowsUserModeDriversAlias() {
    return ordinal() >= WIN8.ordinal();
  }

  /** The target spelt {@code text} (case-insensitive). */
  public static Optional<Target> of(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.id.equals(t)).findFirst();
  }

  /** The ids a scenario's {@code target} and {@code policy.target} accept, oldest first. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Target::id).toList();
  }

  @Override
  public String toString() {
    return id;
  }
}
