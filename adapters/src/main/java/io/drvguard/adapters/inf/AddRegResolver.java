package io.drvguard.adapters.inf;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows {@code AddReg=} directives from install sections to the registry lines they write
 * (INF-1), telling which key each lands in:
 *
 * <ul>
 *   <li>{@link RegistryKeyKind#HW}: any section whose name ends in {@code .HW} (ignoring case),
 *       such as {@code Foo.NT.HW} or {@code Foo.NTamd64.HW} ({@code DDInstall.HW});
 *   <li>{@link RegistryKeyKind#CLASS}: {@code ClassInstall32} and its platform-decorated forms
 *       ({@code ClassInstall32.NT}, {@code ClassInstall32.nt$ARCH$}…);
 *   <li>{@link RegistryKeyKind#SOFTWARE}: the {@code DDInstall} sections: an install section named
 *       by an entry of a {@code [Models]} section (those named by {@code [Manufacturer]}, with their
 *       decorations), itself or with a platform decoration ({@code .NT}, {@code .NTamd64},
 *       {@code .NT$ARCH$.10.0...16299}), but not its sub-sections ({@code .HW}, {@code .Services},
 *       {@code .CoInstallers}, {@code .Wdf}, {@code .Interfaces}…).
 * </ul>
 *
 * Other sections' {@code AddReg=} (service-install sections, {@code DefaultInstall}…) and
 * {@code DelReg=} are not followed. {@code AddReg=} takes comma lists, may appear several times in
 * one section, and names sections ignoring case; a name with no section is skipped here (the
 * reader already reported it as {@link InfDiagnostic#MISSING_SECTION}).
 *
 * <p><b>One value per reference</b>: an AddReg section named by two install sections (e.g.
 * {@code VirtualSerial_Install.NT.hw} and {@code VirtualSerial_Install_Win11.NT.hw}) yields each of
 * its lines twice, once per referencing section, because the referencing section is part of the
 * fact (it decides the key kind, and the two install sections are for different devices). Callers
 * that want one finding per line group by {@link InfRegistryValue#location()}. The same pair
 * (install section, AddReg section) named twice yields its lines once.
 *
 * <p>Values: {@code HKR,,Security,,} (the value field present but empty) yields {@code ""};
 * {@code HKR,,Security} (no value field) yields null. A value written as several fields (binary or
 * multi-string data) is the field values joined with {@code ,}; {@code valueQuoted} tells whether
 * the first of them was quoted. The flags field is given after substitution and unquoting.
 */
public final class AddRegResolver {
  private AddRegResolver() {}

  /** A platform decoration: {@code .NT[arch][.major[.minor[.product[.suite[.build]]]]]}. */
  private static final Pattern DECORATION =
      Pattern.compile("(?i)\\.nt(x86|amd64|arm64|arm|ia64|\\$arch\\$)?(\\.(0x[0-9a-f]*|[0-9]*))*");

  /** Every registry line reached through {@code AddReg=} from an HW, CLASS or SOFTWARE install section, in file order. */
  public static List<InfRegistryValue> resolve(InfFile inf, String packageName) {
    Set<String> installs = installSectionNames(inf);
    List<InfRegistryValue> out = new ArrayList<>();
    for (InfSection from : inf.sections()) {
      Optional<RegistryKeyKind> kind = keyKind(from.name(), installs);
      if (kind.isEmpty()) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (InfEntry directive : from.entries("AddReg")) {
        for (InfField f : directive.fields()) {
          String target = f.value();
          if (target.isEmpty() || !seen.add(InfFile.key(target))) {
            continue;
          }
          Optional<InfSection> section = inf.section(target);
          if (section.isEmpty()) {
            continue;
          }
          for (InfEntry e : section.get().entries()) {
            out.add(value(inf, packageName, section.get(), from, kind.get(), e));
          }
        }
      }
    }
    return out;
  }

  /** The key kind of install section {@code name} of {@code inf}, empty when its AddReg is not followed. */
  public static Optional<RegistryKeyKind> keyKind(InfFile inf, String name) {
    return keyKind(name, installSectionNames(inf));
  }

  private static Optional<RegistryKeyKind> keyKind(String name, Set<String> installs) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".hw")) {
      return Optional.of(RegistryKeyKind.HW);
    }
    if (isDecorated(lower, "classinstall32")) {
      return Optional.of(RegistryKeyKind.CLASS);
    }
    for (String base : installs) {
      if (isDecorated(lower, base)) {
        return Optional.of(RegistryKeyKind.SOFTWARE);
      }
    }
    return Optional.empty();
  }

  /** True when {@code lower} is {@code base} or {@code base} plus a platform decoration. */
  private static boolean isDecorated(String lower, String base) {
    return lower.equals(base) || (lower.startsWith(base) && DECORATION.matcher(lower.substring(base.length())).matches());
  }

  /**
   * The DDInstall section names (lower case, undecorated as written in the Models entries): field 0
   * of every entry of every Models section named by {@code [Manufacturer]} (the name alone or with a
   * decoration).
   */
  public static Set<String> installSectionNames(InfFile inf) {
    Set<String> models = new LinkedHashSet<>();
    inf.section("Manufacturer").ifPresent(m -> {
      for (InfEntry e : m.entries()) {
        String base = e.value(0);
        if (base != null && !base.isEmpty()) {
          models.add(base.toLowerCase(Locale.ROOT));
        }
      }
    });
    Set<String> installs = new LinkedHashSet<>();
    for (InfSection s : inf.sections()) {
      String lower = s.name().toLowerCase(Locale.ROOT);
      if (models.stream().noneMatch(b -> isDecorated(lower, b))) {
        continue;
      }
      for (InfEntry e : s.entries()) {
        if (e.key() == null) {
          continue;
        }
        String install = e.value(0);
        if (install != null && !install.isEmpty()) {
          installs.add(install.toLowerCase(Locale.ROOT));
        }
      }
    }
    return installs;
  }

  private static InfRegistryValue value(InfFile inf, String packageName, InfSection section, InfSection from,
      RegistryKeyKind kind, InfEntry e) {
    List<InfField> f = e.lineFields();
    String root = f.get(0).value().toUpperCase(Locale.ROOT);
    String subkey = f.size() > 1 ? f.get(1).value() : "";
    String valueName = f.size() > 2 ? f.get(2).value() : "";
    String flags = f.size() > 3 ? f.get(3).value() : "";
    String value = null;
    boolean quoted = false;
    if (f.size() > 4) {
      quoted = f.get(4).quoted();
      StringBuilder sb = new StringBuilder();
      for (int i = 4; i < f.size(); i++) {
        if (i > 4) {
          sb.append(',');
        }
        sb.append(f.get(i).value());
      }
      value = sb.toString();
    }
    return new InfRegistryValue(packageName, section.name(), from.name(), kind, root, subkey, valueName, flags,
        value, quoted, e.rawLine(), SourceLocation.of(inf.fileName(), e.line()));
  }
}
