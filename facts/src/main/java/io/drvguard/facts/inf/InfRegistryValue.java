package io.drvguard.facts.inf;

import io.drvguard.facts.model.SourceLocation;
import java.util.List;
import java.util.Locale;

/**
 * One {@code AddReg} line reached from an install section, e.g.
 * {@code HKR,,Security,,"D:P(A;;GA;;;SY)"}: the fields as written and after {@code %strkey%}
 * substitution and unquoting, with the file and line it came from (INF-1).
 *
 * @param packageName the package the INF belongs to (the INF's file name when checked alone)
 * @param section the AddReg section holding the line, as written
 * @param referencedFrom the install section whose {@code AddReg=} names {@code section}
 * @param keyKind HW, CLASS or SOFTWARE, from {@code referencedFrom}
 * @param root the registry root ({@code HKR}, {@code HKLM}…), upper case
 * @param subkey the subkey field, empty for the key itself
 * @param valueName the value name field, e.g. {@code Security}
 * @param flags the flags field as written (empty when omitted), e.g. {@code 0x10001}
 * @param value the value field after substitution and unquoting; null when the line has none
 * @param valueQuoted true when the value was written as a quoted string
 * @param rawLine the line as written in the file (after joining continuations)
 * @param location the file and line of the AddReg line
 */
public record InfRegistryValue(
    String packageName,
    String section,
    String referencedFrom,
    RegistryKeyKind keyKind,
    String root,
    String subkey,
    String valueName,
    String flags,
    String value,
    boolean valueQuoted,
    String rawLine,
    SourceLocation location) {

  /** Value names whose HKR entries set device-object properties (INF-1). */
  public static final List<String> DEVICE_PROPERTIES = List.of("Security", "DeviceCharacteristics", "Exclusive", "DeviceType");

  /** True for an {@code HKR} value of the key itself named Security, DeviceCharacteristics, Exclusive or DeviceType. */
  public boolean isDeviceProperty() {
    return "HKR".equals(root) && subkey.isEmpty()
        && DEVICE_PROPERTIES.stream().anyMatch(p -> p.equalsIgnoreCase(valueName));
  }

  /**
   * True for a device-property line (Security, DeviceCharacteristics, Exclusive, DeviceType) that
   * lands in the hardware or setup-class key and writes its value (not a DELVAL or KEYONLY line,
   * which write nothing). Software-key lines are not device properties: the same names mean
   * something else there (a modem INF's {@code HKR,,DeviceType,1,02} is the modem's own binary
   * type).
   */
  public boolean writesDeviceProperty() {
    return isDeviceProperty() && keyKind != RegistryKeyKind.SOFTWARE && effect().writes();
  }

  /** True when the value field is absent or blank. */
  public boolean valueEmpty() {
    return value == null || value.isBlank();
  }

  /**
   * How findings name the value, and the subject of its SDDL: {@code section/Property}. One
   * definition, so a line's INF-2 finding and its INF-4 finding name it alike.
   */
  public String subject() {
    return section + "/" + property();
  }

  /** The flags as written, for messages: {@code (empty)} when omitted. */
  public String flagsText() {
    return flags.isBlank() ? "(empty)" : flags.trim();
  }

  /**
   * Why a DeviceCharacteristics/Exclusive/DeviceType line does not write a DWORD, or null when it
   * does or writes nothing ({@link AddRegEffect#dwordProblem}: the test the model reads the value
   * with, so every line the model ignores can be reported).
   */
  public String dwordProblem() {
    return effect().dwordProblem(flagsText());
  }

  /** The canonical property name (one of {@link #DEVICE_PROPERTIES}) or the value name as written. */
  public String property() {
    return DEVICE_PROPERTIES.stream().filter(p -> p.equalsIgnoreCase(valueName)).findFirst().orElse(valueName);
  }

  /** What this line does to its value: deletes it, writes nothing, or writes which type (INF-1, INF-2). */
  public AddRegEffect effect() {
    return AddRegEffect.of(this);
  }

  /** The flags as a number: empty means 0 (REG_SZ); null when the field is not a number. */
  public Long flagsValue() {
    String f = flags.trim().toLowerCase(Locale.ROOT);
    if (f.isEmpty()) {
      return 0L;
    }
    try {
      return f.startsWith("0x") ? Long.parseLong(f.substring(2), 16) : Long.parseLong(f);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
