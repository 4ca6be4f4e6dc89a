package io.drvguard.facts.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SDDL subset IoCreateDeviceSecure accepts (requirement OBJ-9; Microsoft, "SDDL for Device
 * Objects"): {@code D:P} followed by entries {@code (A;;ACCESS;;;SID)}, where ACCESS is {@code
 * 0x}hex or a run of the codes GA GR GW GX RC SD WD WO, and SID is one of the aliases that page
 * documents or an {@code S-1-…} string. Nothing else — no owner, group or SACL, no flags, no
 * whitespace — is in the subset. INF {@code Security} values may use full SDDL; this check is only
 * for strings passed to IoCreateDeviceSecure.
 *
 * <p>The documented aliases are SY, LS, NS (accounts), BA, BU, BG (groups), AU, AN
 * (authentication), IU, NU (interactive and network logon), WD (everyone), RC (restricted code)
 * and, from Windows 8 on, UD (user-mode drivers); for an older target the page asks for UD's full
 * form {@code S-1-5-84-0-0-0-0-0} instead, which is how it shows that {@code S-1-…} strings are
 * accepted. A DACL with no entries ({@code D:P}, SDDL_DEVOBJ_KERNEL_ONLY) is in the subset and
 * grants nobody access.
 */
public final class DeviceObjectSddl {
  private DeviceObjectSddl() {}

  /** The aliases every target knows. */
  public static final Set<String> DOCUMENTED_SID_ALIASES =
      Set.of("SY", "LS", "NS", "BA", "BU", "BG", "AU", "AN", "IU", "NU", "WD", "RC");
  /** User-mode drivers: an alias of the subset from Windows 8 on. */
  public static final String USER_MODE_DRIVERS = "UD";
  public static final String USER_MODE_DRIVERS_SID = "S-1-5-84-0-0-0-0-0";
  public static final Set<String> ACCESS_CODES = Set.of("GA", "GR", "GW", "GX", "RC", "SD", "WD", "WO");

  /** True when {@code sddl} is in the subset on the default target. */
  public static boolean isValid(String sddl) {
    return problems(sddl).isEmpty();
  }

  /** {@link #problems(String, boolean)} on a target that knows {@code UD} (the default target). */
  public static List<String> problems(String sddl) {
    return problems(sddl, true);
  }

  /**
   * What puts {@code sddl} outside the subset, each as {@code at <position>: <what is wrong>};
   * empty when it is in the subset. An unparsable string yields one problem with the parser's
   * position.
   *
   * @param knowsUd false for a target before Windows 8, whose IoCreateDeviceSecure does not
   *     recognise the {@code UD} alias
   */
  public static List<String> problems(String sddl, boolean knowsUd) {
    try {
      Sddl.parse(sddl);
    } catch (SddlException e) {
      return List.of("at " + e.position() + ": unparsable sddl: " + e.detail());
    }
    List<String> problems = new ArrayList<>();
    if (!sddl.startsWith("D:")) {
      problems.add("at 0: only a dacl starting with `D:P` is allowed, found `" + excerpt(sddl, 0) + "`");
      return problems;
    }
    if (!sddl.startsWith("D:P") || sddl.startsWith("D:PA") || sddl.startsWith("D:PN")) {
      problems.add("at 2: the dacl must be exactly `D:P` (protected, no other flags), found `" + excerpt(sddl, 0) + "`");
      return problems;
    }
    int pos = 3;
    int n = sddl.length();
    while (pos < n) {
      if (sddl.charAt(pos) != '(') {
        problems.add("at " + pos + ": only `(A;;ACCESS;;;SID)` entries may follow `D:P`, found `" + excerpt(sddl, pos) + "`");
        return problems;
      }
      int close = sddl.indexOf(')', pos);
      String[] fields = sddl.substring(pos + 1, close).split(";", -1);
      int[] starts = new int[fields.length];
      int at = pos + 1;
      for (int i = 0; i < fields.length; i++) {
        starts[i] = at;
        at += fields[i].length() + 1;
      }
      entry(fields, starts, knowsUd, problems);
      pos = close + 1;
    }
    return problems;
  }

  private static void entry(String[] f, int[] at, boolean knowsUd, List<String> problems) {
    // the parser has already checked there are six fields
    if (!f[0].equals("A")) {
      problems.add("at " + at[0] + ": ace type `" + f[0] + "` is outside the device-object subset (only `A`)");
    }
    if (!f[1].isEmpty()) {
      problems.add("at " + at[1] + ": ace flags `" + f[1] + "` are outside the device-object subset (none allowed)");
    }
    access(f[2], at[2], problems);
    if (!f[3].isEmpty() || !f[4].isEmpty()) {
      int p = !f[3].isEmpty() ? at[3] : at[4];
      problems.add("at " + p + ": object type guids are outside the device-object subset");
    }
    String sid = f[5];
    boolean numeric = sid.startsWith("S-1-") && sid.strip().equals(sid);
    if (sid.equals(USER_MODE_DRIVERS)) {
      if (!knowsUd) {
        problems.add("at " + at[5] + ": sid `UD` is an alias of the device-object subset only from Windows 8 on;"
            + " for an older target write its full form `" + USER_MODE_DRIVERS_SID + "`");
      }
    } else if (!numeric && !DOCUMENTED_SID_ALIASES.contains(sid)) {
      problems.add("at " + at[5] + ": sid `" + sid + "` is outside the device-object subset (documented aliases or `S-1-…`)");
    }
  }

  private static void access(String text, int at, List<String> problems) {
    if (text.isEmpty()) {
      problems.add("at " + at + ": empty access mask");
      return;
    }
    if (text.startsWith("0x")) {
      if (!text.matches("0x[0-9a-fA-F]{1,8}")) {
        problems.add("at " + at + ": access mask `" + text + "` is not `0x` followed by up to 8 hex digits");
      }
      return;
    }
    for (int i = 0; i < text.length(); i += 2) {
      String code = text.substring(i, Math.min(text.length(), i + 2));
      if (!ACCESS_CODES.contains(code)) {
        problems.add("at " + (at + i) + ": access right `" + code
            + "` is outside the device-object subset (hex or GA GR GW GX RC SD WD WO)");
      }
    }
  }

  private static String excerpt(String s, int from) {
    int to = Math.min(s.length(), from + 20);
    return s.substring(from, to) + (to < s.length() ? "…" : "");
  }
}
