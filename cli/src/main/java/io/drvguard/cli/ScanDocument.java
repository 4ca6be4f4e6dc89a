package io.drvguard.cli;

import io.drvguard.facts.ioctl.IoctlNames;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Unresolved;
import io.drvguard.source.ScannedDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inferred package in the manifest's own field names (DESIGN.md, "Source scan"), as ordered
 * maps both scan formats render: each element carries {@code at} ({@code file:line} relative to the
 * driver's directory); a value the scan could not resolve is left out of its element and listed
 * under {@code unresolved}.
 */
final class ScanDocument {
  private ScanDocument() {}

  static Map<String, Object> of(ScannedDriver d) {
    DriverPackage p = d.pkg();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("root", d.rel());
    doc.put("framework", d.framework());
    doc.put("driver", driver(d, p.driver()));
    List<Object> objects = new ArrayList<>();
    for (DeviceObject o : p.deviceObjects()) {
      objects.add(deviceObject(d, o));
    }
    doc.put("deviceObjects", objects);
    List<Object> ioctls = new ArrayList<>();
    for (IoctlDefinition i : p.ioctls()) {
      ioctls.add(ioctl(d, i));
    }
    doc.put("ioctls", ioctls);
    List<Object> kernel = new ArrayList<>();
    for (KernelObjectDef k : p.kernelObjects()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", k.name());
      m.put("type", lower(k.type()));
      m.put("sddl", k.sddl());
      m.put("sharedBetween", k.sharedBetween());
      m.put("at", at(d, k.location()));
      kernel.add(m);
    }
    doc.put("kernelObjects", kernel);
    List<Object> unresolved = new ArrayList<>();
    for (Unresolved u : p.unresolved()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", at(d, u.location()));
      m.put("what", u.subject() + "." + u.what());
      m.put("expression", u.expression());
      m.put("why", u.why());
      unresolved.add(m);
    }
    doc.put("unresolved", unresolved);
    return doc;
  }

  private static Map<String, Object> driver(ScannedDriver d, Driver drv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", drv.name());
    m.put("role", lower(drv.role()));
    m.put("framework", lower(drv.framework()));
    if (drv.inf() != null) {
      m.put("inf", drv.inf());
    }
    m.put("namespace", drv.namespace());
    m.put("exclusive", drv.exclusive());
    Map<String, Object> dispatch = new LinkedHashMap<>();
    dispatch.put("failsRelatedOpen", drv.dispatch().failsRelatedOpen());
    dispatch.put("failsNamespaceOpen", drv.dispatch().failsNamespaceOpen());
    dispatch.put("checksFileAcl", drv.dispatch().checksFileAcl());
    dispatch.put("enforcesExclusive", drv.dispatch().enforcesExclusive());
    m.put("dispatch", dispatch);
    m.put("at", at(d, drv.location()));
    return m;
  }

  private static Map<String, Object> deviceObject(ScannedDriver d, DeviceObject o) {
    boolean nameUnknown = unresolved(d, o.id(), "name");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("kind", lower(o.kind()));
    m.put("stack", o.stack());
    m.put("rawMode", o.rawMode());
    if (o.name() != null && !nameUnknown) {
      m.put("name", o.name());
    }
    m.put("createdWith", o.createdWith().name());
    if (o.sddl() != null) {
      m.put("sddl", o.sddl());
    }
    if (o.classGuid() != null) {
      m.put("classGuid", o.classGuid());
    }
    m.put("characteristics", o.characteristicNames());
    m.put("exclusive", o.exclusive());
    if (o.copiesLowerCharacteristics()) {
      m.put("copiesLowerCharacteristics", true);
    }
    if (o.deviceType() != null) {
      m.put("deviceType", IoctlNames.deviceTypeName(o.deviceType()).orElse(String.format("0x%04X", o.deviceType())));
    }
    m.put("at", at(d, o.location()));
    return m;
  }

  private static Map<String, Object> ioctl(ScannedDriver d, IoctlDefinition i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", i.name());
    m.put("code", String.format("0x%08X", i.code().value()));
    m.put("userMode", i.userMode());
    m.put("validatesAccess", i.validatesAccess());
    m.put("forwardsDown", i.forwardsDown());
    if (i.requiresPrivilege() != null) {
      m.put("requiresPrivilege", i.requiresPrivilege());
    }
    m.put("checksPrivilege", i.checksPrivilege());
    m.put("at", at(d, i.location()));
    return m;
  }

  private static boolean unresolved(ScannedDriver d, String subject, String what) {
    return d.pkg().unresolved().stream().anyMatch(u -> u.subject().equals(subject) && u.what().equals(what));
  }

  /** {@code file:line} relative to the driver's directory (a header elsewhere in the tree keeps its {@code ../}). */
  static String at(ScannedDriver d, SourceLocation loc) {
    if (loc == null || loc.file() == null) {
      return null;
    }
    String file;
    try {
      file = d.root().toAbsolutePath().normalize().relativize(Path.of(loc.file()).toAbsolutePath().normalize())
          .toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      file = loc.file();
    }
    return file + ":" + loc.line();
  }

  private static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }
}
