package io.drvguard.facts.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ACCESS_MASK values (winnt.h / wdm.h) and their SDDL right codes ("Access Rights and Access
 * Masks", "ACE Strings" in the Windows SDK documentation).
 */
public final class AccessMask {
  private AccessMask() {}

  // Standard rights
  public static final int DELETE = 0x0001_0000;
  public static final int READ_CONTROL = 0x0002_0000;
  public static final int WRITE_DAC = 0x0004_0000;
  public static final int WRITE_OWNER = 0x0008_0000;
  public static final int SYNCHRONIZE = 0x0010_0000;
  public static final int STANDARD_RIGHTS_REQUIRED = 0x000F_0000;
  public static final int STANDARD_RIGHTS_READ = READ_CONTROL;
  public static final int STANDARD_RIGHTS_WRITE = READ_CONTROL;
  public static final int STANDARD_RIGHTS_EXECUTE = READ_CONTROL;
  public static final int STANDARD_RIGHTS_ALL = 0x001F_0000;
  public static final int SPECIFIC_RIGHTS_ALL = 0x0000_FFFF;
  public static final int ACCESS_SYSTEM_SECURITY = 0x0100_0000;
  public static final int MAXIMUM_ALLOWED = 0x0200_0000;

  // Generic rights
  public static final int GENERIC_ALL = 0x1000_0000;
  public static final int GENERIC_EXECUTE = 0x2000_0000;
  public static final int GENERIC_WRITE = 0x4000_0000;
  public static final int GENERIC_READ = 0x8000_0000;

  // File and device object specific rights
  public static final int FILE_READ_DATA = 0x0001;
  public static final int FILE_LIST_DIRECTORY = 0x0001;
  public static final int FILE_WRITE_DATA = 0x0002;
  public static final int FILE_ADD_FILE = 0x0002;
  public static final int FILE_APPEND_DATA = 0x0004;
  public static final int FILE_ADD_SUBDIRECTORY = 0x0004;
  public static final int FILE_READ_EA = 0x0008;
  public static final int FILE_WRITE_EA = 0x0010;
  public static final int FILE_EXECUTE = 0x0020;
  public static final int FILE_TRAVERSE = 0x0020;
  public static final int FILE_DELETE_CHILD = 0x0040;
  public static final int FILE_READ_ATTRIBUTES = 0x0080;
  public static final int FILE_WRITE_ATTRIBUTES = 0x0100;
  public static final int FILE_GENERIC_READ = 0x0012_0089;
  public static final int FILE_GENERIC_WRITE = 0x0012_0116;
  public static final int FILE_GENERIC_EXECUTE = 0x0012_00A0;
  public static final int FILE_ALL_ACCESS = 0x001F_01FF;
  // CTL_CODE required-access values (devioctl.h)
  public static final int FILE_ANY_ACCESS = 0x0000;
  public static final int FILE_READ_ACCESS = 0x0001;
  public static final int FILE_WRITE_ACCESS = 0x0002;
  public static final int FILE_SPECIAL_ACCESS = FILE_ANY_ACCESS;

  // Mutex (mutant) specific rights
  public static final int MUTANT_QUERY_STATE = 0x0001;
  public static final int MUTEX_MODIFY_STATE = 0x0001;
  public static final int MUTANT_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | MUTANT_QUERY_STATE;
  public static final int MUTEX_ALL_ACCESS = MUTANT_ALL_ACCESS;

  // Event specific rights
  public static final int EVENT_QUERY_STATE = 0x0001;
  public static final int EVENT_MODIFY_STATE = 0x0002;
  public static final int EVENT_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3;

  // Semaphore specific rights
  public static final int SEMAPHORE_QUERY_STATE = 0x0001;
  public static final int SEMAPHORE_MODIFY_STATE = 0x0002;
  public static final int SEMAPHORE_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3;

  // Section (file mapping) specific rights
  public static final int SECTION_QUERY = 0x0001;
  public static final int SECTION_MAP_WRITE = 0x0002;
  public static final int SECTION_MAP_READ = 0x0004;
  public static final int SECTION_MAP_EXECUTE = 0x0008;
  public static final int SECTION_EXTEND_SIZE = 0x0010;
  public static final int SECTION_MAP_EXECUTE_EXPLICIT = 0x0020;
  public static final int SECTION_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | 0x1F;

  // Registry key rights (SDDL KA/KR/KW/KX)
  public static final int KEY_ALL_ACCESS = 0x000F_003F;
  public static final int KEY_READ = 0x0002_0019;
  public static final int KEY_WRITE = 0x0002_0006;
  public static final int KEY_EXECUTE = 0x0002_0019;

  // Directory-service rights, the bits behind SDDL CC DC LC SW RP WP DT LO CR
  public static final int ADS_CREATE_CHILD = 0x0001;
  public static final int ADS_DELETE_CHILD = 0x0002;
  public static final int ADS_LIST = 0x0004;
  public static final int ADS_SELF_WRITE = 0x0008;
  public static final int ADS_READ_PROP = 0x0010;
  public static final int ADS_WRITE_PROP = 0x0020;
  public static final int ADS_DELETE_TREE = 0x0040;
  public static final int ADS_LIST_OBJECT = 0x0080;
  public static final int ADS_CONTROL_ACCESS = 0x0100;

  // Mandatory label policy bits (SDDL NW NR NX), only meaningful in ML ACEs
  public static final int NO_WRITE_UP = 0x1;
  public static final int NO_READ_UP = 0x2;
  public static final int NO_EXECUTE_UP = 0x4;

  /** SDDL codes for a whole mask, in the order Windows tries an exact match when printing. */
  private static final Map<String, Integer> CODES = new LinkedHashMap<>();
  /** The code that prints each single bit, indexed by bit number; null when the bit has no code. */
  private static final String[] BIT_CODES = new String[32];
  private static final Map<String, Integer> LABEL_CODES = new LinkedHashMap<>();

  static {
    String[][] table = {
      {"GA", "10000000"}, {"GR", "80000000"}, {"GW", "40000000"}, {"GX", "20000000"},
      {"RC", "20000"}, {"SD", "10000"}, {"WD", "40000"}, {"WO", "80000"},
      {"RP", "10"}, {"WP", "20"}, {"CC", "1"}, {"DC", "2"}, {"LC", "4"}, {"SW", "8"},
      {"LO", "80"}, {"DT", "40"}, {"CR", "100"},
      {"FA", "1F01FF"}, {"FR", "120089"}, {"FW", "120116"}, {"FX", "1200A0"},
      {"KA", "F003F"}, {"KR", "20019"}, {"KW", "20006"}, {"KX", "20019"},
    };
    for (String[] row : table) {
      int value = Integer.parseUnsignedInt(row[1], 16);
      CODES.put(row[0], value);
      if (Integer.bitCount(value) == 1) {
        BIT_CODES[Integer.numberOfTrailingZeros(value)] = row[0];
      }
    }
    LABEL_CODES.put("NW", NO_WRITE_UP);
    LABEL_CODES.put("NR", NO_READ_UP);
    LABEL_CODES.put("NX", NO_EXECUTE_UP);
  }

  /** The mask of one SDDL right code (case-insensitive), or null when it is not one. */
  static Integer sddlRight(String code) {
    String upper = code.toUpperCase(Locale.ROOT);
    Integer v = CODES.get(upper);
    return v != null ? v : LABEL_CODES.get(upper);
  }

  /** True for the two-letter right codes SDDL accepts (GA…CR, FA…FX, KA…KX, NW NR NX). */
  public static boolean isSddlRight(String code) {
    return code.length() == 2 && sddlRight(code) != null;
  }

  /**
   * Parses the rights field of an SDDL ACE: empty (0), a number as wcstoul reads it (hex
   * {@code 0x…}, octal {@code 0…}, decimal, optional sign, saturating at 0xffffffff — Windows
   * behaviour, see Samba's windows_is_weird vectors) or a run of two-letter codes, which may be
   * separated by spaces but not followed by them.
   *
   * @throws SddlException with the position of the offending character within {@code text}
   */
  public static int parseSddlRights(String text) {
    return parseSddlRights(text, 0, text.length());
  }

  static int parseSddlRights(String text, int start, int end) {
    int p = start;
    while (p < end && Chars.isSpace(text.charAt(p))) {
      p++;
    }
    if (p == end) {
      return 0;
    }
    char first = text.charAt(p);
    if ((first >= '0' && first <= '9') || first == '-' || first == '+') {
      return parseNumber(text, p, end);
    }
    int mask = 0;
    while (p < end) {
      char c = text.charAt(p);
      if (c == ' ') {
        int q = p;
        while (q < end && text.charAt(q) == ' ') {
          q++;
        }
        if (q == end) {
          throw SddlException.parse(p, "trailing whitespace after access rights `" + text.substring(start, end) + "`");
        }
        p = q;
        continue;
      }
      if (p + 2 > end) {
        throw SddlException.parse(p, "unknown access right `" + text.substring(p, end) + "`");
      }
      String code = text.substring(p, p + 2);
      Integer v = sddlRight(code);
      if (v == null) {
        throw SddlException.parse(p, "unknown access right `" + code + "`");
      }
      mask |= v;
      p += 2;
    }
    return mask;
  }

  private static int parseNumber(String text, int start, int end) {
    int p = start;
    boolean negative = false;
    if (text.charAt(p) == '-' || text.charAt(p) == '+') {
      negative = text.charAt(p) == '-';
      p++;
    }
    int radix = 10;
    if (p < end && text.charAt(p) == '0') {
      if (p + 2 < end && (text.charAt(p + 1) == 'x' || text.charAt(p + 1) == 'X')
          && hexDigit(text.charAt(p + 2)) >= 0) {
        radix = 16;
        p += 2;
      } else {
        radix = 8;
      }
    }
    int digitsStart = p;
    long value = 0;
    while (p < end) {
      int d = hexDigit(text.charAt(p));
      if (d < 0 || d >= radix) {
        break;
      }
      value = Math.min(value * radix + d, 0x1_0000_0000L);
      p++;
    }
    if (p == digitsStart) {
      throw SddlException.parse(p, "invalid access mask `" + text.substring(start, end) + "`");
    }
    if (p != end) {
      throw SddlException.parse(p, "unexpected `" + text.charAt(p) + "` in access mask `" + text.substring(start, end) + "`");
    }
    // wcstoul: an out-of-range value is ULONG_MAX, and a leading minus negates the result
    long unsigned = value > 0xFFFF_FFFFL ? 0xFFFF_FFFFL : value;
    return negative ? (int) -unsigned : (int) unsigned;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * The rights field as ConvertSecurityDescriptorToStringSecurityDescriptor prints it: empty for
   * 0; a single code when the whole mask equals one (so 0x1f01ff is {@code FA}, 0xf003f {@code
   * KA}); else the bit codes in bit order when every set bit has one ({@code CCDCLCSWRPWPDTLOCR},
   * then {@code SD RC WD WO}, then {@code GA GX GW GR}); else lower-case hex {@code 0x…}.
   */
  public static String formatSddlRights(int mask) {
    if (mask == 0) {
      return "";
    }
    for (Map.Entry<String, Integer> e : CODES.entrySet()) {
      if (e.getValue() == mask) {
        return e.getKey();
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int bit = 0; bit < 32; bit++) {
      if ((mask & (1 << bit)) != 0) {
        if (BIT_CODES[bit] == null) {
          return "0x" + Integer.toHexString(mask);
        }
        sb.append(BIT_CODES[bit]);
      }
    }
    return sb.toString();
  }

  /**
   * As {@link #formatSddlRights(int)}, except that a mandatory-label ACE whose mask holds only
   * policy bits prints them as {@code NW NR NX} (bit order), the way Windows shows labels such as
   * {@code (ML;;NW;;;LW)}.
   */
  public static String formatSddlRights(int mask, AceType type) {
    if (type == AceType.MANDATORY_LABEL && mask != 0 && (mask & ~0x7) == 0) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, Integer> e : LABEL_CODES.entrySet()) {
        if ((mask & e.getValue()) != 0) {
          sb.append(e.getKey());
        }
      }
      return sb.toString();
    }
    return formatSddlRights(mask);
  }

  /** Names accepted by {@link #parseName(String)}, with the canonical name of each bit first. */
  private static final Map<String, Integer> NAMES = new LinkedHashMap<>();
  private static final String[] BIT_NAMES = new String[32];

  private static void name(String n, int v) {
    NAMES.put(n, v);
  }

  private static void bitName(String n, int v) {
    name(n, v);
    BIT_NAMES[Integer.numberOfTrailingZeros(v)] = n;
  }

  static {
    bitName("FILE_READ_DATA", FILE_READ_DATA);
    bitName("FILE_WRITE_DATA", FILE_WRITE_DATA);
    bitName("FILE_APPEND_DATA", FILE_APPEND_DATA);
    bitName("FILE_READ_EA", FILE_READ_EA);
    bitName("FILE_WRITE_EA", FILE_WRITE_EA);
    bitName("FILE_EXECUTE", FILE_EXECUTE);
    bitName("FILE_DELETE_CHILD", FILE_DELETE_CHILD);
    bitName("FILE_READ_ATTRIBUTES", FILE_READ_ATTRIBUTES);
    bitName("FILE_WRITE_ATTRIBUTES", FILE_WRITE_ATTRIBUTES);
    bitName("DELETE", DELETE);
    bitName("READ_CONTROL", READ_CONTROL);
    bitName("WRITE_DAC", WRITE_DAC);
    bitName("WRITE_OWNER", WRITE_OWNER);
    bitName("SYNCHRONIZE", SYNCHRONIZE);
    bitName("ACCESS_SYSTEM_SECURITY", ACCESS_SYSTEM_SECURITY);
    bitName("MAXIMUM_ALLOWED", MAXIMUM_ALLOWED);
    bitName("GENERIC_ALL", GENERIC_ALL);
    bitName("GENERIC_EXECUTE", GENERIC_EXECUTE);
    bitName("GENERIC_WRITE", GENERIC_WRITE);
    bitName("GENERIC_READ", GENERIC_READ);
    name("FILE_LIST_DIRECTORY", FILE_LIST_DIRECTORY);
    name("FILE_ADD_FILE", FILE_ADD_FILE);
    name("FILE_ADD_SUBDIRECTORY", FILE_ADD_SUBDIRECTORY);
    name("FILE_TRAVERSE", FILE_TRAVERSE);
    name("FILE_GENERIC_READ", FILE_GENERIC_READ);
    name("FILE_GENERIC_WRITE", FILE_GENERIC_WRITE);
    name("FILE_GENERIC_EXECUTE", FILE_GENERIC_EXECUTE);
    name("FILE_ALL_ACCESS", FILE_ALL_ACCESS);
    name("FILE_ANY_ACCESS", FILE_ANY_ACCESS);
    name("FILE_READ_ACCESS", FILE_READ_ACCESS);
    name("FILE_WRITE_ACCESS", FILE_WRITE_ACCESS);
    name("FILE_SPECIAL_ACCESS", FILE_SPECIAL_ACCESS);
    name("STANDARD_RIGHTS_REQUIRED", STANDARD_RIGHTS_REQUIRED);
    name("STANDARD_RIGHTS_READ", STANDARD_RIGHTS_READ);
    name("STANDARD_RIGHTS_WRITE", STANDARD_RIGHTS_WRITE);
    name("STANDARD_RIGHTS_EXECUTE", STANDARD_RIGHTS_EXECUTE);
    name("STANDARD_RIGHTS_ALL", STANDARD_RIGHTS_ALL);
    name("SPECIFIC_RIGHTS_ALL", SPECIFIC_RIGHTS_ALL);
    name("MUTANT_QUERY_STATE", MUTANT_QUERY_STATE);
    name("MUTEX_MODIFY_STATE", MUTEX_MODIFY_STATE);
    name("MUTANT_ALL_ACCESS", MUTANT_ALL_ACCESS);
    name("MUTEX_ALL_ACCESS", MUTEX_ALL_ACCESS);
    name("EVENT_QUERY_STATE", EVENT_QUERY_STATE);
    name("EVENT_MODIFY_STATE", EVENT_MODIFY_STATE);
    name("EVENT_ALL_ACCESS", EVENT_ALL_ACCESS);
    name("SEMAPHORE_QUERY_STATE", SEMAPHORE_QUERY_STATE);
    name("SEMAPHORE_MODIFY_STATE", SEMAPHORE_MODIFY_STATE);
    name("SEMAPHORE_ALL_ACCESS", SEMAPHORE_ALL_ACCESS);
    name("SECTION_QUERY", SECTION_QUERY);
    name("SECTION_MAP_WRITE", SECTION_MAP_WRITE);
    name("SECTION_MAP_READ", SECTION_MAP_READ);
    name("SECTION_MAP_EXECUTE", SECTION_MAP_EXECUTE);
    name("SECTION_EXTEND_SIZE", SECTION_EXTEND_SIZE);
    name("SECTION_MAP_EXECUTE_EXPLICIT", SECTION_MAP_EXECUTE_EXPLICIT);
    name("SECTION_ALL_ACCESS", SECTION_ALL_ACCESS);
    name("KEY_ALL_ACCESS", KEY_ALL_ACCESS);
    name("KEY_READ", KEY_READ);
    name("KEY_WRITE", KEY_WRITE);
    name("KEY_EXECUTE", KEY_EXECUTE);
  }

  /**
   * The value of a right's C name ({@code FILE_READ_DATA}, {@code GENERIC_READ}, {@code
   * SYNCHRONIZE}, …), several joined with {@code |}, or a {@code 0x…} number.
   *
   * @throws IllegalArgumentException naming the unknown part
   */
  public static int parseName(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty access right name");
    }
    int mask = 0;
    for (String part : trimmed.split("\\|", -1)) {
      String name = part.trim();
      Integer v = NAMES.get(name);
      if (v != null) {
        mask |= v;
      } else if (name.matches("0[xX][0-9a-fA-F]{1,8}")) {
        mask |= Integer.parseUnsignedInt(name.substring(2), 16);
      } else {
        throw new IllegalArgumentException("unknown access right `" + name + "`");
      }
    }
    return mask;
  }

  /**
   * One name per set bit, lowest bit first: file/device names for the specific bits, hex for bits
   * without a name (e.g. {@code 0x200}).
   */
  public static List<String> names(int mask) {
    List<String> out = new ArrayList<>();
    for (int bit = 0; bit < 32; bit++) {
      if ((mask & (1 << bit)) != 0) {
        out.add(BIT_NAMES[bit] != null ? BIT_NAMES[bit] : "0x" + Integer.toHexString(1 << bit));
      }
    }
    return List.copyOf(out);
  }

  /** {@link #names(int)} joined with {@code |}; {@code 0} for an empty mask. */
  public static String describe(int mask) {
    if (mask == 0) {
      return "0";
    }
    // decision reasons name the same few masks over and over
    int slot = (mask ^ (mask >>> 7) ^ (mask >>> 16) ^ (mask >>> 25)) & (DESCRIBED.length - 1);
    Described d = DESCRIBED[slot];
    if (d != null && d.mask == mask) {
      return d.text;
    }
    String text = describeBits(mask);
    DESCRIBED[slot] = new Described(mask, text);
    return text;
  }

  /**
   * The last text made for a mask, per slot. Threads share the slots without locking: an entry's
   * fields are final, so a thread sees null, an older entry (whose mask it compares) or a whole one.
   */
  private static final Described[] DESCRIBED = new Described[256];

  private static final class Described {
    final int mask;
    final String text;

    Described(int mask, String text) {
      this.mask = mask;
      this.text = text;
    }
  }

  private static String describeBits(int mask) {
    StringBuilder sb = new StringBuilder(24 * Integer.bitCount(mask));
    for (int bit = 0; bit < 32; bit++) {
      if ((mask & (1 << bit)) != 0) {
        if (sb.length() > 0) {
          sb.append('|');
        }
        appendBitName(sb, BIT_NAMES[bit], bit);
      }
    }
    return sb.toString();
  }

  private static void appendBitName(StringBuilder sb, String name, int bit) {
    if (name != null) {
      sb.append(name);
    } else {
      sb.append("0x").append(Integer.toHexString(1 << bit));
    }
  }

  /**
   * As {@link #names(int)}, naming the specific bits (0–15) after the object type of {@code
   * mapping} ({@code MUTANT_QUERY_STATE}, {@code EVENT_MODIFY_STATE}, {@code SECTION_MAP_READ}, …);
   * file names for {@link GenericMapping#FILE}, hex for a mapping drvguard does not know.
   */
  public static List<String> names(int mask, GenericMapping mapping) {
    String[] specific = specificNames(mapping);
    if (specific == null) {
      return names(mask);
    }
    List<String> out = new ArrayList<>();
    for (int bit = 0; bit < 32; bit++) {
      if ((mask & (1 << bit)) == 0) {
        continue;
      }
      String name = bit < 16 ? (bit < specific.length ? specific[bit] : null) : BIT_NAMES[bit];
      out.add(name != null ? name : "0x" + Integer.toHexString(1 << bit));
    }
    return List.copyOf(out);
  }

  /** {@link #names(int, GenericMapping)} joined with {@code |}; {@code 0} for an empty mask. */
  public static String describe(int mask, GenericMapping mapping) {
    String[] specific = specificNames(mapping);
    if (specific == null) {
      return describe(mask);
    }
    if (mask == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(24 * Integer.bitCount(mask));
    for (int bit = 0; bit < 32; bit++) {
      if ((mask & (1 << bit)) != 0) {
        if (sb.length() > 0) {
          sb.append('|');
        }
        appendBitName(sb, bit < 16 ? (bit < specific.length ? specific[bit] : null) : BIT_NAMES[bit], bit);
      }
    }
    return sb.toString();
  }

  // shared, never handed out
  private static final String[] MUTEX_NAMES = {"MUTANT_QUERY_STATE"};
  private static final String[] EVENT_NAMES = {"EVENT_QUERY_STATE", "EVENT_MODIFY_STATE"};
  private static final String[] SEMAPHORE_NAMES = {"SEMAPHORE_QUERY_STATE", "SEMAPHORE_MODIFY_STATE"};
  private static final String[] SECTION_NAMES = {"SECTION_QUERY", "SECTION_MAP_WRITE", "SECTION_MAP_READ",
    "SECTION_MAP_EXECUTE", "SECTION_EXTEND_SIZE", "SECTION_MAP_EXECUTE_EXPLICIT"};
  private static final String[] NO_NAMES = {};

  private static String[] specificNames(GenericMapping mapping) {
    // the event and semaphore mappings have equal values: the constant itself says which type
    if (mapping == GenericMapping.SEMAPHORE) {
      return SEMAPHORE_NAMES;
    }
    if (mapping.equals(GenericMapping.FILE)) {
      return null;
    }
    if (mapping.equals(GenericMapping.MUTEX)) {
      return MUTEX_NAMES;
    }
    if (mapping.equals(GenericMapping.EVENT)) {
      return EVENT_NAMES;
    }
    if (mapping.equals(GenericMapping.SEMAPHORE)) {
      return SEMAPHORE_NAMES;
    }
    if (mapping.equals(GenericMapping.SECTION)) {
      return SECTION_NAMES;
    }
    return NO_NAMES;
  }
}
