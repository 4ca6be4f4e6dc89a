package io.drvguard.facts.policy;

import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.SourceLocation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Small pure checks the device-object rules (OBJ-*) use. */
public final class DeviceObjectPolicy {
  private static final String DEVICE_DIRECTORY = "\\device\\";
  private static final Pattern GUID = Pattern.compile(
      "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");

  private DeviceObjectPolicy() {}

  /**
   * True when {@code name} names an object in the {@code \Device} object directory, i.e. is
   * {@code \Device\} followed by a non-empty name. Object-manager names are case-insensitive.
   */
  public static boolean inDeviceDirectory(String name) {
    return name != null
        && name.length() > DEVICE_DIRECTORY.length()
        && name.substring(0, DEVICE_DIRECTORY.length()).toLowerCase(Locale.ROOT).equals(DEVICE_DIRECTORY)
        && !name.substring(DEVICE_DIRECTORY.length()).isBlank();
  }

  /** True for a GUID written as 8-4-4-4-12 hex digits, in braces or without them (not half-braced). */
  public static boolean isGuid(String text) {
    if (text == null) {
      return false;
    }
    String t = text.trim();
    if (t.startsWith("{") != t.endsWith("}")) {
      return false;
    }
    return GUID.matcher(t).matches();
  }

  /**
   * The distinct items in backticks, sorted (rules collect them in no fixed order), comma-separated,
   * for messages: {@code `a`, `b`}.
   */
  public static String listed(Collection<?> items) {
    return items.stream().map(String::valueOf).distinct().sorted()
        .map(o -> "`" + o + "`").collect(Collectors.joining(", "));
  }

  /** {@code device stack `a` runs} or {@code device stacks `a`, `b` run}, for the distinct stack names. */
  public static String stacksRun(Collection<?> stacks) {
    boolean one = stacks.stream().distinct().count() == 1;
    return (one ? "device stack " : "device stacks ") + listed(stacks) + (one ? " runs" : " run");
  }

  /**
   * Where an INF {@code HKR,,Security} value the package lacks belongs: the line of the hardware
   * AddReg section that already sets {@code DeviceCharacteristics}, else the INF file itself (next
   * to the manifest), else the driver section of the manifest.
   */
  public static SourceLocation missingSecurityLocation(Driver driver, Collection<InfDeviceSettings> settings) {
    for (InfDeviceSettings s : settings) {
      if (s.keyKind() == RegistryKeyKind.HW && s.characteristicsLocation() != null) {
        return s.characteristicsLocation();
      }
    }
    if (driver.inf() == null) {
      return driver.location();
    }
    String manifest = driver.location() == null ? null : driver.location().file();
    if (manifest == null) {
      return SourceLocation.of(driver.inf(), 0);
    }
    try {
      return SourceLocation.of(Path.of(manifest).resolveSibling(driver.inf()).normalize().toString(), 0);
    } catch (InvalidPathException e) {
      return SourceLocation.of(driver.inf(), 0);
    }
  }
}
