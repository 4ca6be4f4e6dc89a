package io.drvguard.source;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.Unresolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lays a manifest written beside driver sources over what the scan inferred: where both speak the
 * manifest wins, key by key, so a user corrects one wrong inference by writing only that part.
 * Elements are matched by {@code id} (device objects also by {@code name}), IOCTLs and kernel
 * objects by {@code name}; a manifest element the scan did not find is added as written. A key the
 * manifest writes also settles what the scan could not resolve for it, and the location of a
 * corrected value is the manifest's.
 */
public final class SourceOverlay {
  private SourceOverlay() {}

  public static DriverPackage apply(DriverPackage scanned, ManifestReader.Overlay overlay) throws InputException {
    DriverPackage m = overlay.pkg();
    Set<String> w = overlay.written();
    List<Unresolved> unresolved = new ArrayList<>(scanned.unresolved());
    Driver driver = driver(scanned.driver(), m.driver(), w);
    String name = driver.name();

    List<DeviceObject> objects = new ArrayList<>();
    List<DeviceObject> fromManifest = new ArrayList<>(m.deviceObjects());
    for (DeviceObject s : scanned.deviceObjects()) {
      DeviceObject o = fromManifest.stream().filter(x -> x.id().equals(s.id())).findFirst()
          .orElseGet(() -> fromManifest.stream().filter(x -> s.name() != null && w.contains(key(x, "name"))
              && s.name().equals(x.name())).findFirst().orElse(null));
      if (o == null) {
        objects.add(rename(s, name));
        continue;
      }
      fromManifest.remove(o);
      String k = "deviceObjects[" + o.id() + "].";
      settle(unresolved, s.id(), w, k);
      boolean sddl = w.contains(k + "sddl");
      boolean chars = w.contains(k + "characteristics");
      objects.add(new DeviceObject(name, o.id(),
          pick(w, k + "kind", o.kind(), s.kind()), pick(w, k + "stack", o.stack(), s.stack()),
          w.contains(k + "stack") ? o.position() : s.position(), pick(w, k + "rawMode", o.rawMode(), s.rawMode()),
          pick(w, k + "name", o.name(), s.name()), pick(w, k + "createdWith", o.createdWith(), s.createdWith()),
          sddl ? o.sddl() : s.sddl(), pick(w, k + "classGuid", o.classGuid(), s.classGuid()),
          chars ? o.characteristics() : s.characteristics(),
          chars ? o.characteristicNames() : s.characteristicNames(),
          pick(w, k + "exclusive", o.exclusive(), s.exclusive()), pick(w, k + "hasVpb", o.hasVpb(), s.hasVpb()),
          pick(w, k + "copiesLowerCharacteristics", o.copiesLowerCharacteristics(), s.copiesLowerCharacteristics()),
          s.location(), sddl ? o.sddlLocation() : s.sddlLocation(),
          pick(w, k + "deviceType", o.deviceType(), s.deviceType())));
    }
    for (DeviceObject o : fromManifest) {
      objects.add(rename(o, name));
    }

    List<IoctlDefinition> ioctls = new ArrayList<>();
    List<IoctlDefinition> ioctlsFromManifest = new ArrayList<>(m.ioctls());
    for (IoctlDefinition s : scanned.ioctls()) {
      IoctlDefinition o = ioctlsFromManifest.stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
      if (o == null) {
        ioctls.add(rename(s, name));
        continue;
      }
      ioctlsFromManifest.remove(o);
      String k = "ioctls[" + o.name() + "].";
      settle(unresolved, s.name(), w, k);
      boolean code = w.contains(k + "code");
      ioctls.add(new IoctlDefinition(name, s.name(), code ? o.codeText() : s.codeText(), code ? o.code() : s.code(),
          pick(w, k + "userMode", o.userMode(), s.userMode()), pick(w, k + "changesState", o.changesState(), s.changesState()),
          pick(w, k + "validatesAccess", o.validatesAccess(), s.validatesAccess()),
          pick(w, k + "forwardsDown", o.forwardsDown(), s.forwardsDown()),
          pick(w, k + "requiresPrivilege", o.requiresPrivilege(), s.requiresPrivilege()),
          pick(w, k + "checksPrivilege", o.checksPrivilege(), s.checksPrivilege()),
          pick(w, k + "justification", o.justification(), s.justification()), code ? o.location() : s.location()));
    }
    for (IoctlDefinition o : ioctlsFromManifest) {
      if (o.code() == null) {
        // the only element a manifest cannot add without its value
        Unresolved stillUnknown = unresolved.stream().filter(u -> u.subject().equals(o.name()) && "code".equals(u.what()))
            .findFirst().orElse(null);
        throw new InputException(String.valueOf(m.manifestFile()), o.location().line(), o.location().column(),
            "manifest_missing_key", "`ioctls` entry `" + o.name() + "` has no `code`, and the source scan found no IOCTL of"
                + " that name" + (stillUnknown == null ? "" : " it could resolve (" + stillUnknown.why() + ")")
                + "; write its code, e.g. `code: 'CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_READ_DATA)'`");
      }
      settle(unresolved, o.name(), w, "ioctls[" + o.name() + "].");
      ioctls.add(rename(o, name));
    }

    List<KernelObjectDef> kernel = new ArrayList<>();
    List<KernelObjectDef> kernelFromManifest = new ArrayList<>(m.kernelObjects());
    for (KernelObjectDef s : scanned.kernelObjects()) {
      KernelObjectDef o = kernelFromManifest.stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
      if (o == null) {
        kernel.add(new KernelObjectDef(name, s.name(), s.type(), s.sddl(), s.sharedBetween(), s.location()));
        continue;
      }
      kernelFromManifest.remove(o);
      String k = "kernelObjects[" + o.name() + "].";
      kernel.add(new KernelObjectDef(name, s.name(), pick(w, k + "type", o.type(), s.type()),
          pick(w, k + "sddl", o.sddl(), s.sddl()), pick(w, k + "sharedBetween", o.sharedBetween(), s.sharedBetween()),
          s.location()));
    }
    for (KernelObjectDef o : kernelFromManifest) {
      settle(unresolved, o.name(), w, "kernelObjects[" + o.name() + "].");
      kernel.add(new KernelObjectDef(name, o.name(), o.type(), o.sddl(), o.sharedBetween(), o.location()));
    }
    List<Unresolved> renamed = unresolved.stream()
        .map(u -> new Unresolved(name, u.subject(), u.what(), u.expression(), u.why(), u.location())).toList();
    return new DriverPackage(name, scanned.directory(), m.manifestFile(), driver, objects, ioctls, kernel,
        scanned.infFile(), scanned.infValues(), scanned.infClassGuid(), renamed);
  }

  private static Driver driver(Driver s, Driver o, Set<String> w) {
    if (o == null) {
      return s;
    }
    Dispatch sd = s.dispatch();
    Dispatch od = o.dispatch();
    String k = "driver.dispatch.";
    Dispatch dispatch = new Dispatch(pick(w, k + "failsRelatedOpen", od.failsRelatedOpen(), sd.failsRelatedOpen()),
        pick(w, k + "failsNamespaceOpen", od.failsNamespaceOpen(), sd.failsNamespaceOpen()),
        pick(w, k + "checksFileAcl", od.checksFileAcl(), sd.checksFileAcl()),
        pick(w, k + "enforcesExclusive", od.enforcesExclusive(), sd.enforcesExclusive()));
    return new Driver(pick(w, "driver.name", o.name(), s.name()), pick(w, "driver.role", o.role(), s.role()),
        pick(w, "driver.inf", o.inf(), s.inf()), pick(w, "driver.namespace", o.namespace(), s.namespace()),
        pick(w, "driver.exclusive", o.exclusive(), s.exclusive()),
        pick(w, "driver.needsStricterThanDefault", o.needsStricterThanDefault(), s.needsStricterThanDefault()),
        dispatch, w.stream().anyMatch(x -> x.startsWith("driver.dispatch.")) ? o.location() : s.location(),
        pick(w, "driver.framework", o.framework(), s.framework()));
  }

  private static <T> T pick(Set<String> written, String key, T manifest, T scanned) {
    return written.contains(key) ? manifest : scanned;
  }

  private static String key(DeviceObject o, String field) {
    return "deviceObjects[" + o.id() + "]." + field;
  }

  /** Drops what the scan could not resolve for {@code subject} where the manifest now says it. */
  private static void settle(List<Unresolved> unresolved, String subject, Set<String> w, String prefix) {
    unresolved.removeIf(u -> u.subject().equals(subject) && w.contains(prefix + u.what()));
  }

  private static DeviceObject rename(DeviceObject d, String pkg) {
    return Objects.equals(d.packageName(), pkg) ? d : new DeviceObject(pkg, d.id(), d.kind(), d.stack(), d.position(),
        d.rawMode(), d.name(), d.createdWith(), d.sddl(), d.classGuid(), d.characteristics(), d.characteristicNames(),
        d.exclusive(), d.hasVpb(), d.copiesLowerCharacteristics(), d.location(), d.sddlLocation(), d.deviceType());
  }

  private static IoctlDefinition rename(IoctlDefinition i, String pkg) {
    return Objects.equals(i.packageName(), pkg) ? i : new IoctlDefinition(pkg, i.name(), i.codeText(), i.code(),
        i.userMode(), i.changesState(), i.validatesAccess(), i.forwardsDown(), i.requiresPrivilege(),
        i.checksPrivilege(), i.justification(), i.location());
  }
}
