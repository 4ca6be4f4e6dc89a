package io.drvguard.facts.policy;

import io.drvguard.facts.inf.AddRegEffect;
import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.security.AccessCheck;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.AccessResult;
import io.drvguard.facts.security.Ace;
import io.drvguard.facts.security.AceFlag;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure helpers for the INF rules (INF-2, INF-3, INF-4): how an AddReg line's flags and value are
 * judged, and which broad principals an INF {@code Security} value grants what.
 */
public final class InfPolicy {
  private InfPolicy() {}

  /**
   * Principals the Driver Security Checklist calls broad (INF-4): Everyone, Authenticated Users,
   * Users, Interactive, Anonymous and All Application Packages, with a display name. Not {@code RC}
   * (restricted code): no user is a member of it; a restricted token carries it among its
   * restricting SIDs, whose second access check can only narrow what the user's own groups get.
   */
  public static final Map<Sid, String> BROAD_PRINCIPALS;

  static {
    Map<Sid, String> m = new LinkedHashMap<>();
    m.put(Sid.EVERYONE, "Everyone");
    m.put(Sid.AUTHENTICATED_USERS, "Authenticated Users");
    m.put(Sid.BUILTIN_USERS, "Users");
    m.put(Sid.INTERACTIVE, "Interactive");
    m.put(Sid.ANONYMOUS, "Anonymous");
    m.put(Sid.ALL_APP_PACKAGES, "All Application Packages");
    BROAD_PRINCIPALS = java.util.Collections.unmodifiableMap(m);
  }

  /**
   * File/device rights that modify the device or its security, after generic mapping (INF-4):
   * {@code FILE_WRITE_DATA}, {@code FILE_APPEND_DATA}, {@code FILE_WRITE_EA}, {@code
   * FILE_DELETE_CHILD}, {@code FILE_WRITE_ATTRIBUTES}, {@code DELETE}, {@code WRITE_DAC}, {@code
   * WRITE_OWNER}.
   */
  public static final int WRITE_TYPE_ACCESS = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
      | AccessMask.FILE_WRITE_EA | AccessMask.FILE_DELETE_CHILD | AccessMask.FILE_WRITE_ATTRIBUTES
      | AccessMask.DELETE | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER;

  /**
   * Characteristics an INF {@code DeviceCharacteristics} value can carry (INF-3): the five that
   * apply to the whole stack, which the AddReg directive page lists as the only ones an INF may
   * specify (install/inf-addreg-directive.md, kernel/specifying-device-characteristics.md). Others,
   * such as {@code FILE_REMOTE_DEVICE} or {@code FILE_CHARACTERISTIC_PNP_DEVICE}, belong to one
   * device object and can only be set in code.
   */
  public static final int INF_SETTABLE_CHARACTERISTICS = DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN
      | DeviceCharacteristics.FILE_FLOPPY_DISKETTE | DeviceCharacteristics.FILE_READ_ONLY_DEVICE
      | DeviceCharacteristics.FILE_REMOVABLE_MEDIA | DeviceCharacteristics.FILE_WRITE_ONCE_MEDIA;

  /** How findings about an INF value name it: {@code section/Property}. */
  public static String subject(InfRegistryValue v) {
    return v.section() + "/" + v.property();
  }

  /**
   * True for an HKR device-property line (Security, DeviceCharacteristics, Exclusive, DeviceType)
   * that lands in the hardware or setup-class key and writes the value ({@link AddRegEffect#writes()}:
   * not a DELVAL or KEYONLY line, which write nothing to judge). Software-key lines are not device
   * properties: the same names mean something else there (a modem INF's {@code HKR,,DeviceType,1,02}
   * is the modem's own binary type), so they are not judged.
   */
  public static boolean judgedDeviceProperty(InfRegistryValue v) {
    return v.isDeviceProperty() && v.keyKind() != RegistryKeyKind.SOFTWARE && v.effect().writes();
  }

  /** True when the value field is absent or blank. */
  public static boolean emptyValue(InfRegistryValue v) {
    return v.value() == null || v.value().isBlank();
  }

  /**
   * True when the line writes a string: the type part of its flags is {@code FLG_ADDREG_TYPE_SZ}
   * (0, or the field omitted). Modifier bits such as {@code FLG_ADDREG_NOCLOBBER} are not judged.
   * Quotes are not required: a value taken from {@code %strkey%} is written unquoted on the line.
   */
  public static boolean writtenAsString(InfRegistryValue v) {
    return v.effect().writesString();
  }

  /** A name for the registry type the flags field selects, e.g. {@code REG_BINARY}. */
  public static String typeName(InfRegistryValue v) {
    return v.effect().typeName();
  }

  /**
   * The line as written without its trailing comment and surrounding blanks, for messages: a
   * {@code ;} outside double quotes starts a comment.
   */
  public static String lineText(InfRegistryValue v) {
    String raw = v.rawLine() == null ? "" : v.rawLine();
    boolean quoted = false;
    int end = raw.length();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        end = i;
        break;
      }
    }
    return raw.substring(0, end).strip();
  }

  /** The flags as written, for messages: {@code (empty)} when omitted. */
  public static String flagsText(InfRegistryValue v) {
    return v.flags().isBlank() ? "(empty)" : v.flags().trim();
  }

  /**
   * Why a DeviceCharacteristics/Exclusive/DeviceType line does not write a DWORD, or null when it
   * does or writes nothing: the type part of its flags must be {@code FLG_ADDREG_TYPE_DWORD}
   * (modifier bits such as NOCLOBBER are fine) and its value an unquoted number that fits in 32
   * bits. This is {@link AddRegEffect#dwordProblem}, the test the model reads the value with, so
   * every line the model ignores is reported.
   */
  public static String dwordProblem(InfRegistryValue v) {
    return v.effect().dwordProblem(flagsText(v));
  }

  /**
   * A hint for a Security line whose SDDL did not parse: written literally without quotes, the
   * INF parser ends the value at the first {@code ;} (a comment). Empty when it was quoted or
   * came from a {@code %strkey%}.
   */
  public static String unquotedSddlHint(InfRegistryValue v) {
    return v.valueQuoted() || v.rawLine() == null || v.rawLine().contains("%")
        ? ""
        : " (written without quotes, so a `;` in it starts a comment)";
  }

  /**
   * What a Security value grants one broad principal: the rights (file mapping applied) an
   * access check gives a token holding only that SID, and the write-type part of them.
   */
  public record BroadGrant(Sid principal, int access, int writeAccess, boolean nullDacl) {
    public boolean writes() {
      return writeAccess != 0;
    }

    /** {@code `WD` (Everyone)}. */
    public String principalText() {
      return "`" + principal.toSddl() + "` (" + BROAD_PRINCIPALS.getOrDefault(principal, principal.toSddl()) + ")";
    }

    /**
     * The rights granted: {@code FILE_ALL_ACCESS}, or the {@code FILE_GENERIC_*} rights whose union
     * they are (e.g. {@code FILE_GENERIC_READ|FILE_GENERIC_WRITE}), else the single rights.
     */
    public String accessText() {
      if (access == AccessMask.FILE_ALL_ACCESS) {
        return "FILE_ALL_ACCESS";
      }
      String[] names = {"FILE_GENERIC_READ", "FILE_GENERIC_WRITE", "FILE_GENERIC_EXECUTE"};
      int[] masks = {AccessMask.FILE_GENERIC_READ, AccessMask.FILE_GENERIC_WRITE, AccessMask.FILE_GENERIC_EXECUTE};
      for (int set = 1; set < 8; set++) {
        int union = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          if ((set & (1 << i)) != 0) {
            union |= masks[i];
            parts.add(names[i]);
          }
        }
        if (union == access) {
          return String.join("|", parts);
        }
      }
      return AccessMask.describe(access);
    }

    public String writeAccessText() {
      return AccessMask.describe(writeAccess);
    }
  }

  /**
   * The broad principals {@code sd} grants any access to, one entry per principal in the order
   * they first appear in the DACL (INF-4). Each principal's rights come from the access check of
   * a token holding only that SID, so ACE order and deny ACEs for that SID count, inherit-only
   * ACEs do not, and generic rights are mapped through the file mapping. A NULL DACL grants
   * Everyone all access.
   */
  public static List<BroadGrant> broadGrants(SecurityDescriptor sd) {
    if (sd.hasNullDacl()) {
      return List.of(new BroadGrant(Sid.EVERYONE, AccessMask.FILE_ALL_ACCESS,
          AccessMask.FILE_ALL_ACCESS & WRITE_TYPE_ACCESS, true));
    }
    Set<Sid> named = new LinkedHashSet<>();
    for (Ace ace : sd.dacl().get().aces()) {
      if (ace.type().isAllow() && !ace.has(AceFlag.INHERIT_ONLY) && BROAD_PRINCIPALS.containsKey(ace.sid())) {
        named.add(ace.sid());
      }
    }
    List<BroadGrant> out = new ArrayList<>();
    for (Sid sid : named) {
      AccessResult r = AccessCheck.check(sd, Token.of(sid), AccessMask.MAXIMUM_ALLOWED, GenericMapping.FILE);
      int access = r.granted() ? r.grantedAccess() & ~AccessMask.MAXIMUM_ALLOWED : 0;
      if (access != 0) {
        out.add(new BroadGrant(sid, access, access & WRITE_TYPE_ACCESS, false));
      }
    }
    return List.copyOf(out);
  }

  /** The INF-settable characteristics of {@code characteristics}, by name. */
  public static String settableCharacteristicsText(int characteristics) {
    int settable = characteristics & INF_SETTABLE_CHARACTERISTICS;
    List<String> names = DeviceCharacteristics.names(settable);
    return names.isEmpty() ? "0x" + Integer.toHexString(settable) : String.join("|", names);
  }

  /** The characteristics an INF may set, by name: {@code FILE_REMOVABLE_MEDIA|…|FILE_DEVICE_SECURE_OPEN}. */
  public static String settableCharacteristicsList() {
    return String.join("|", DeviceCharacteristics.names(INF_SETTABLE_CHARACTERISTICS));
  }

  public static boolean setsSettableCharacteristics(int characteristics) {
    return (characteristics & INF_SETTABLE_CHARACTERISTICS) != 0;
  }
}
