package io.drvguard.adapters.manifest;

import io.drvguard.adapters.tree.Uint32;
import io.drvguard.adapters.InputException;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.ioctl.CtlCodeException;
import io.drvguard.facts.ioctl.IoctlNames;
import io.drvguard.facts.model.CreationRoutine;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.KernelObjectType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a package manifest ({@code drvguard.yaml}, or JSON, properties or XML) into facts. Keys are fixed by
 * DESIGN.md: an unknown key, a wrong type, a missing required key or a bad value is an
 * {@link InputException} naming the file, the key path and the line.
 */
public final class ManifestReader {
  /** Manifest file names looked for in a package directory, in order. */
  public static final List<String> MANIFEST_NAMES =
      List.of("drvguard.yaml", "drvguard.yml", "drvguard.json", "drvguard.properties", "drvguard.xml");

  private static final Set<String> TOP = Set.of("driver", "deviceObjects", "ioctls", "kernelObjects");
  private static final Set<String> DRIVER = Set.of(
      "name", "role", "inf", "namespace", "exclusive", "needsStricterThanDefault", "dispatch", "framework");
  private static final Set<String> DISPATCH = Set.of(
      "failsRelatedOpen", "failsNamespaceOpen", "checksFileAcl", "enforcesExclusive");
  private static final Set<String> DEVICE_OBJECT = Set.of(
      "id", "kind", "stack", "rawMode", "name", "createdWith", "sddl", "classGuid", "characteristics",
      "exclusive", "hasVpb", "copiesLowerCharacteristics", "deviceType");
  private static final Set<String> IOCTL = Set.of(
      "name", "code", "userMode", "changesState", "validatesAccess", "forwardsDown", "requiresPrivilege",
      "checksPrivilege", "justification");
  private static final Set<String> KERNEL_OBJECT = Set.of("name", "type", "sddl", "sharedBetween");
  private static final Set<String> VALIDATE_NAMES = Set.of(
      "FILE_READ_ACCESS", "FILE_WRITE_ACCESS", "FILE_READ_DATA", "FILE_WRITE_DATA");
  private static final Set<String> CONTEXTS = Set.of("application", "eventMonitor");

  /** True when {@code file} has a manifest name this reader understands. */
  public static boolean isManifest(Path file) {
    return file.getFileName() != null && MANIFEST_NAMES.contains(file.getFileName().toString());
  }

  /** The manifest inside {@code dir}, or null when it has none. */
  public static Path manifestIn(Path dir) {
    for (String name : MANIFEST_NAMES) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  public DriverPackage read(Path manifest) throws InputException {
    return read(manifest, null);
  }

  /**
   * A manifest beside driver sources, laid over what the source scan inferred: the package it
   * describes and the keys it writes ({@code driver.role}, {@code driver.dispatch.failsRelatedOpen},
   * {@code deviceObjects[pdo0].sddl}, {@code ioctls[IOCTL_X].validatesAccess}, …). Here {@code driver}
   * and {@code driver.name} may be left out, and so may an IOCTL's {@code code} (the scan has it).
   */
  public record Overlay(DriverPackage pkg, Set<String> written) {}

  public Overlay readOverlay(Path manifest) throws InputException {
    Set<String> written = new java.util.LinkedHashSet<>();
    return new Overlay(read(manifest, written), written);
  }

  private DriverPackage read(Path manifest, Set<String> written) throws InputException {
    String file = manifest.toString();
    Section top = TreeLoader.load("manifest", manifest);
    if (top.isEmpty()) {
      throw new InputException(file, 1, 0, "manifest_missing_key", "the manifest is empty; it needs a `driver` mapping");
    }
    top.allowOnly(TOP);
    Section driverSection = top.child("driver");
    if (driverSection == null && written == null) {
      throw new InputException(file, 1, 0, "manifest_missing_key", "missing required key `driver`");
    }
    Path dir = manifest.toAbsolutePath().getParent();
    Driver driver = driverSection == null ? null : driver(driverSection, dir, written);
    String pkg = driver == null ? null : driver.name();
    return new DriverPackage(pkg, manifest.getParent() == null ? Path.of(".") : manifest.getParent(), manifest,
        driver, deviceObjects(top, pkg, written), ioctls(top, pkg, written), kernelObjects(top, pkg, written), null,
        List.of());
  }

  /** Notes in {@code written} (when laying over a scan) the keys {@code s} writes, under {@code prefix}. */
  private static void note(Set<String> written, String prefix, Section s, Set<String> keys) {
    if (written != null) {
      for (String k : keys) {
        if (s.has(k)) {
          written.add(prefix + k);
        }
      }
    }
  }

  private Driver driver(Section s, Path dir, Set<String> written) throws InputException {
    s.allowOnly(DRIVER);
    note(written, "driver.", s, DRIVER);
    String name = s.string("name", written == null);
    String inf = s.string("inf", false);
    if (inf != null) {
      checkInf(s, inf, dir);
    }
    Section d = s.child("dispatch");
    Dispatch dispatch = Dispatch.NONE;
    if (d != null) {
      d.allowOnly(DISPATCH);
      note(written, "driver.dispatch.", d, DISPATCH);
      dispatch = new Dispatch(d.bool("failsRelatedOpen", false), d.bool("failsNamespaceOpen", false),
          d.bool("checksFileAcl", false), d.bool("enforcesExclusive", false));
    }
    DriverRole role = written != null && !s.has("role") ? null : s.enumValue("role", DriverRole.class, null);
    return new Driver(name, role, inf,
        s.bool("namespace", false), s.bool("exclusive", false), s.bool("needsStricterThanDefault", false),
        dispatch, s.location(), s.enumValue("framework", io.drvguard.facts.model.Framework.class,
            io.drvguard.facts.model.Framework.WDM));
  }

  private static void checkInf(Section s, String inf, Path dir) throws InputException {
    Path p;
    try {
      p = Path.of(inf);
    } catch (RuntimeException e) {
      throw s.error("inf", "manifest_bad_value", "`driver.inf` is not a valid path: `" + inf + "`");
    }
    if (p.isAbsolute() || !dir.resolve(p).normalize().startsWith(dir.normalize())) {
      throw s.error("inf", "manifest_bad_value",
          "`driver.inf` must be a relative path inside the package directory, not `" + inf + "`");
    }
    if (!Files.isRegularFile(dir.resolve(p))) {
      throw s.error("inf", "file_not_found", "`driver.inf` names `" + inf + "`, which does not exist");
    }
    // a symbolic link (of the file or of a folder on its way) may lead out of the package as `../` does
    try {
      Path real = dir.resolve(p).toRealPath();
      if (!real.startsWith(dir.toRealPath())) {
        throw s.error("inf", "manifest_bad_value", "`driver.inf` names `" + inf + "`, a symbolic link to `" + real
            + "` outside the package directory; the INF must be inside the package");
      }
    } catch (java.io.IOException e) {
      throw s.error("inf", "file_unreadable", "`driver.inf` names `" + inf + "`, which cannot be resolved: " + e.getMessage());
    }
  }

  private List<DeviceObject> deviceObjects(Section top, String pkg, Set<String> written) throws InputException {
    List<DeviceObject> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, Integer> stackDepth = new HashMap<>();
    for (Section s : top.items("deviceObjects")) {
      s.allowOnly(DEVICE_OBJECT);
      String id = s.string("id", true);
      if (!ids.add(id)) {
        throw s.error("id", "manifest_bad_value", "duplicate device object id `" + id + "`");
      }
      note(written, "deviceObjects[" + id + "].", s, DEVICE_OBJECT);
      String stack = s.string("stack", false);
      if (stack == null) {
        stack = id;
      }
      int position = stackDepth.merge(stack, 1, Integer::sum) - 1;
      List<String> charNames = new ArrayList<>();
      int chars = characteristics(s, charNames);
      // laid over a scan, a key left out keeps the scan's value
      DeviceObjectKind kind = written != null && !s.has("kind") ? null : s.enumValue("kind", DeviceObjectKind.class, null);
      out.add(new DeviceObject(pkg, id, kind, stack, position,
          s.bool("rawMode", false), s.string("name", false),
          s.enumValue("createdWith", CreationRoutine.class, CreationRoutine.IoCreateDevice),
          s.string("sddl", false), s.string("classGuid", false), chars, charNames,
          s.bool("exclusive", false), s.bool("hasVpb", false), s.bool("copiesLowerCharacteristics", false),
          s.location(), s.has("sddl") ? s.location("sddl") : s.location(), deviceType(s)));
    }
    return out;
  }

  /**
   * The {@code deviceType} extension: a {@code FILE_DEVICE_*} name of devioctl.h or a number
   * 0..0xFFFF (the DeviceType passed to IoCreateDevice); null when absent.
   */
  private static Integer deviceType(Section s) throws InputException {
    Object raw = s.raw("deviceType");
    if (raw == null) {
      return null;
    }
    Long v = null;
    if (!(raw instanceof Boolean)) {
      String t = raw.toString().trim();
      if (t.startsWith("FILE_DEVICE_")) {
        OptionalLong named = IoctlNames.value(t);
        v = named.isPresent() ? named.getAsLong() : null;
      } else {
        try {
          v = Uint32.of(raw instanceof Number ? raw : t);
        } catch (IllegalArgumentException e) {
          v = null;
        }
      }
    }
    if (v == null || v < 0 || v > 0xFFFF) {
      throw s.error("deviceType", "manifest_bad_value", "`" + s.keyPath("deviceType") + "` is `" + raw
          + "`; expected a FILE_DEVICE_* name such as FILE_DEVICE_DISK or a number 0..0xFFFF");
    }
    return v.intValue();
  }

  private static int characteristics(Section s, List<String> names) throws InputException {
    int value = 0;
    for (Object o : s.scalars("characteristics")) {
      String t = o.toString().trim();
      Integer v = o instanceof Number ? null : DeviceCharacteristics.valueOf(t).orElse(null);
      if (v == null) {
        if (!(o instanceof Number) && !Uint32.isNumber(t) && !t.matches("[-+]?[0-9.eE]+")) {
          throw s.error("characteristics", "manifest_bad_value", "`" + s.keyPath("characteristics")
              + "` has unknown characteristic `" + t + "`; expected FILE_* names such as FILE_DEVICE_SECURE_OPEN or a number");
        }
        try {
          v = (int) Uint32.of(o instanceof Number ? o : t);
        } catch (IllegalArgumentException e) {
          throw s.error("characteristics", "manifest_bad_value", "`" + s.keyPath("characteristics") + "`: "
              + e.getMessage() + "; characteristics are a 32-bit mask");
        }
      }
      value |= v;
    }
    names.addAll(DeviceCharacteristics.names(value));
    return value;
  }

  private List<IoctlDefinition> ioctls(Section top, String pkg, Set<String> written) throws InputException {
    List<IoctlDefinition> out = new ArrayList<>();
    for (Section s : top.items("ioctls")) {
      s.allowOnly(IOCTL);
      String name = s.string("name", true);
      note(written, "ioctls[" + name + "].", s, IOCTL);
      Object raw = s.raw("code");
      if (raw == null && written != null) {
        // laid over a scan: the code comes from the source; the merge refuses a name the scan did not find
        out.add(new IoctlDefinition(pkg, name, null, null, s.bool("userMode", true), s.bool("changesState", false),
            validated(s), s.bool("forwardsDown", false), s.string("requiresPrivilege", false),
            s.bool("checksPrivilege", false), s.string("justification", false), s.location()));
        continue;
      }
      if (raw == null) {
        throw s.error(null, "manifest_missing_key", "missing required key `" + s.keyPath("code") + "`");
      }
      CtlCode code;
      try {
        code = raw instanceof Number ? CtlCode.decode((int) Uint32.of(raw))
            : CtlCode.parse(raw.toString());
      } catch (CtlCodeException e) {
        throw s.error("code", "manifest_bad_value", "`" + s.keyPath("code") + "`: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        // a number the document gave (not text): negative, fractional or wider than 32 bits
        throw s.error("code", "manifest_bad_value", "`" + s.keyPath("code") + "`: " + e.getMessage()
            + "; a control code is a 32-bit number or CTL_CODE(...)");
      }
      List<String> validates = validated(s);
      out.add(new IoctlDefinition(pkg, name, raw.toString(), code, s.bool("userMode", true),
          s.bool("changesState", false), validates, s.bool("forwardsDown", false),
          s.string("requiresPrivilege", false), s.bool("checksPrivilege", false),
          s.string("justification", false), s.location("code")));
    }
    return out;
  }

  private static List<String> validated(Section s) throws InputException {
    List<String> validates = s.strings("validatesAccess");
    for (String v : validates) {
      if (!VALIDATE_NAMES.contains(v)) {
        throw s.error("validatesAccess", "manifest_bad_value", "`" + s.keyPath("validatesAccess")
            + "` has `" + v + "`; expected FILE_READ_ACCESS or FILE_WRITE_ACCESS");
      }
    }
    return validates;
  }

  private List<KernelObjectDef> kernelObjects(Section top, String pkg, Set<String> written) throws InputException {
    List<KernelObjectDef> out = new ArrayList<>();
    for (Section s : top.items("kernelObjects")) {
      s.allowOnly(KERNEL_OBJECT);
      note(written, "kernelObjects[" + s.string("name", true) + "].", s, KERNEL_OBJECT);
      List<String> shared = s.strings("sharedBetween");
      for (String c : shared) {
        if (!CONTEXTS.contains(c)) {
          throw s.error("sharedBetween", "manifest_bad_value", "`" + s.keyPath("sharedBetween")
              + "` has `" + c + "`; expected application or eventMonitor");
        }
      }
      KernelObjectType type = written != null && !s.has("type") ? null : s.enumValue("type", KernelObjectType.class, null);
      out.add(new KernelObjectDef(pkg, s.string("name", true), type, s.string("sddl", false), shared, s.location()));
    }
    return out;
  }

}
