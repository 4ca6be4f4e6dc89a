package io.drvguard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Unresolved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared helpers for the source-scan tests: write C snippets, scan, and look facts up. */
final class ScanSupport {
  private ScanSupport() {}

  static Path write(Path dir, String rel, String text) {
    try {
      Path f = dir.resolve(rel);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text, StandardCharsets.UTF_8);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SourceScanner.Result scan(Path dir) {
    try {
      return new SourceScanner().scan(dir);
    } catch (Exception e) {
      throw new AssertionError("scan failed: " + e, e);
    }
  }

  /** Scans {@code dir}, expects no input errors and exactly one driver, and returns its package. */
  static DriverPackage scanOne(Path dir) {
    return only(scan(dir)).pkg();
  }

  static ScannedDriver only(SourceScanner.Result r) {
    assertEquals(List.of(), r.errors(), "input errors");
    assertEquals(1, r.drivers().size(), "drivers: " + r.drivers().stream().map(ScannedDriver::rel).toList());
    return r.drivers().get(0);
  }

  static DeviceObject device(DriverPackage p, String id) {
    return p.deviceObjects().stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseGet(() -> fail("no device object `" + id + "` among "
            + p.deviceObjects().stream().map(DeviceObject::id).toList() + "; unresolved " + p.unresolved()));
  }

  static DeviceObject onlyDevice(DriverPackage p) {
    assertEquals(1, p.deviceObjects().size(), "device objects: " + p.deviceObjects() + "; unresolved " + p.unresolved());
    return p.deviceObjects().get(0);
  }

  static IoctlDefinition ioctl(DriverPackage p, String name) {
    return p.ioctls().stream().filter(i -> i.name().equals(name)).findFirst()
        .orElseGet(() -> fail("no IOCTL `" + name + "` among " + p.ioctls().stream().map(IoctlDefinition::name).toList()
            + "; unresolved " + p.unresolved()));
  }

  static KernelObjectDef kernelObject(DriverPackage p, String name) {
    return p.kernelObjects().stream().filter(k -> k.name().equals(name)).findFirst()
        .orElseGet(() -> fail("no kernel object `" + name + "` among "
            + p.kernelObjects().stream().map(KernelObjectDef::name).toList() + "; unresolved " + p.unresolved()));
  }

  static List<Unresolved> unresolved(DriverPackage p, String subject, String what) {
    return p.unresolved().stream().filter(u -> u.subject().equals(subject) && u.what().equals(what))
        .collect(Collectors.toList());
  }

  static Unresolved oneUnresolved(DriverPackage p, String subject, String what) {
    List<Unresolved> u = unresolved(p, subject, what);
    assertEquals(1, u.size(), "unresolved " + what + " of " + subject + " in " + p.unresolved());
    return u.get(0);
  }

  /** Asserts the location names {@code file} (its path ends with it) at {@code line}. */
  static void assertAt(String file, int line, SourceLocation loc) {
    assertNotNull(loc, "location");
    String f = loc.file().replace('\\', '/');
    if (!f.endsWith("/" + file) && !f.equals(file)) {
      fail("location " + loc + " does not name " + file);
    }
    assertEquals(line, loc.line(), "line of " + loc);
    String text = loc.toString().replace('\\', '/');
    String tail = file + ":" + line;
    if (!(text.endsWith(tail) || text.contains(tail + ":"))) {
      fail("location " + loc + " does not end with " + tail);
    }
  }
}
