package io.drvguard.facts.policy;

import io.drvguard.facts.inf.AddRegEffect;
import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SddlException;
import io.drvguard.facts.security.SecurityDescriptor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a package amounts to once the PnP manager has applied it: the INF's device settings, the
 * stacks with the characteristics each object ends up with, and every object's effective
 * descriptor (M-1). Both the static rules and the simulated device model stand on this.
 */
public final class PackageModel {
  private final Map<RegistryKeyKind, InfDeviceSettings> inf;
  private final List<DeviceStack> stacks;
  private final Map<String, EffectiveDescriptor> effective;

  private PackageModel(Map<RegistryKeyKind, InfDeviceSettings> inf, List<DeviceStack> stacks,
      Map<String, EffectiveDescriptor> effective) {
    this.inf = inf;
    this.stacks = stacks;
    this.effective = effective;
  }

  public static PackageModel of(DriverPackage pkg, PolicySettings policy) {
    Map<RegistryKeyKind, InfDeviceSettings> inf = infSettings(pkg);
    List<DeviceStack> stacks = stacks(pkg, inf);
    Map<String, EffectiveDescriptor> effective = new LinkedHashMap<>();
    for (DeviceStack s : stacks) {
      for (DeviceObject d : s.objects()) {
        effective.put(d.id(), effectiveDescriptor(pkg, s, d, inf, policy));
      }
    }
    return new PackageModel(inf, List.copyOf(stacks), effective);
  }

  public Map<RegistryKeyKind, InfDeviceSettings> infSettings() {
    return inf;
  }

  public List<DeviceStack> stacks() {
    return stacks;
  }

  /** Effective descriptors by device object id. */
  public Map<String, EffectiveDescriptor> effectiveDescriptors() {
    return effective;
  }

  public DeviceStack stackOf(String deviceObjectId) {
    return stacks.stream().filter(s -> s.objects().stream().anyMatch(d -> d.id().equals(deviceObjectId)))
        .findFirst().orElseThrow();
  }

  /**
   * An INF {@code Security} line of the hardware or class key that writes the value: a device
   * property whose SDDL is judged (INF-2, INF-4). DELVAL and KEYONLY lines write no descriptor.
   */
  public static boolean isSecurity(InfRegistryValue v) {
    return v.writesDeviceProperty() && v.property().equals("Security");
  }

  /**
   * What the INF leaves in the hardware and class keys once a fresh install has applied its lines
   * in order ({@link AddRegEffect}): a write sets the value (later lines win), a DELVAL line
   * deletes it, a KEYONLY line does nothing, NOCLOBBER skips a value an earlier line set and
   * OVERWRITEONLY writes only over one. A DWORD property written malformed, or a Security value not
   * written as a string, leaves no usable value (INF-2 reports the line). Software-key values are
   * not device properties and are left out.
   */
  public static Map<RegistryKeyKind, InfDeviceSettings> infSettings(DriverPackage pkg) {
    Map<RegistryKeyKind, InfDeviceSettings> out = new EnumMap<>(RegistryKeyKind.class);
    for (RegistryKeyKind kind : List.of(RegistryKeyKind.HW, RegistryKeyKind.CLASS)) {
      // the line whose write each property holds, by property name
      Map<String, InfRegistryValue> key = new LinkedHashMap<>();
      boolean any = false;
      for (InfRegistryValue v : pkg.infValues()) {
        if (v.keyKind() != kind || !v.isDeviceProperty()) {
          continue;
        }
        any = true;
        AddRegEffect e = v.effect();
        if (e.kind() == AddRegEffect.Kind.DELETE) {
          key.remove(v.property());
        } else if (e.writesGiven(key.containsKey(v.property()))) {
          key.put(v.property(), v);
        }
      }
      if (any) {
        InfRegistryValue sec = key.get("Security");
        InfRegistryValue chars = key.get("DeviceCharacteristics");
        Integer exclusive = dword(key.get("Exclusive"));
        String security = sec == null || !sec.effect().writesString() ? null : sec.value() == null ? "" : sec.value();
        out.put(kind, new InfDeviceSettings(pkg.name(), pkg.infFile(), kind, security,
            security == null ? null : sec.location(), dword(chars), chars == null ? null : chars.location(),
            exclusive == null ? null : exclusive != 0, dword(key.get("DeviceType"))));
      }
    }
    return out;
  }

  /** The DWORD a line writes, or null when it writes none or is null ({@link AddRegEffect#dword()}, INF-2). */
  public static Integer dword(InfRegistryValue v) {
    return v == null ? null : v.effect().dword();
  }

  public static List<DeviceStack> stacks(DriverPackage pkg, Map<RegistryKeyKind, InfDeviceSettings> inf) {
    Map<String, List<DeviceObject>> byStack = new LinkedHashMap<>();
    for (DeviceObject d : pkg.deviceObjects()) {
      byStack.computeIfAbsent(d.stack(), k -> new ArrayList<>()).add(d);
    }
    Integer infChars = deviceOrClass(inf, InfDeviceSettings::characteristics);
    boolean pnpDriver = pkg.driver() == null || pkg.driver().role() == null || pkg.driver().role().isPnp();
    List<DeviceStack> out = new ArrayList<>();
    for (Map.Entry<String, List<DeviceObject>> e : byStack.entrySet()) {
      List<DeviceObject> objects = e.getValue();
      boolean pnp = objects.stream().anyMatch(d -> d.kind() == DeviceObjectKind.PDO || d.kind().attachesToStack());
      DeviceObjectKind bottom = objects.get(0).kind();
      // kernel/specifying-device-characteristics.md: the PnP manager's pass runs over a PnP device's
      // stack once its drivers' AddDevice routines attached their objects, before it starts
      boolean propagates = pnpDriver && (bottom == DeviceObjectKind.PDO || bottom.attachesToStack());
      // the package INF installs the driver whose FDO or filter sits in the stack; a stack that
      // is only a PDO belongs to a child device whose INF is not in this package
      boolean covered = pkg.hasInf() && propagates && objects.stream().anyMatch(d -> d.kind().attachesToStack());
      List<Integer> attach = new ArrayList<>();
      int below = 0;
      for (int i = 0; i < objects.size(); i++) {
        DeviceObject d = objects.get(i);
        int c = d.characteristics();
        if (i > 0 && d.copiesLowerCharacteristics()) {
          c |= below;
        }
        attach.add(c);
        below = c;
      }
      // the stack-wide flags of the registry value (INF-1) and of any FDO or filter object are set on
      // every object; the others (FILE_AUTOGENERATED_DEVICE_NAME, ...) stay per object
      int propagated = 0;
      if (propagates) {
        for (int i = 0; i < objects.size(); i++) {
          if (DeviceStack.propagationSource(objects, objects.get(i))) {
            propagated |= attach.get(i) & DeviceStack.STACK_WIDE;
          }
        }
        if (covered && infChars != null) {
          propagated |= infChars & DeviceStack.STACK_WIDE;
        }
      }
      List<Integer> chars = new ArrayList<>();
      for (int c : attach) {
        chars.add(c | propagated);
      }
      out.add(new DeviceStack(pkg.name(), e.getKey(), objects, attach, chars, covered, pnp, propagates));
    }
    return out;
  }

  /**
   * A device property as the PnP manager reads it from the INF's keys: the device (hardware) key's
   * value, else the setup class key's, else null (INF-1).
   */
  public static <T> T deviceOrClass(Map<RegistryKeyKind, InfDeviceSettings> inf,
      java.util.function.Function<InfDeviceSettings, T> property) {
    InfDeviceSettings hw = inf.get(RegistryKeyKind.HW);
    T value = hw == null ? null : property.apply(hw);
    if (value != null) {
      return value;
    }
    InfDeviceSettings cls = inf.get(RegistryKeyKind.CLASS);
    return cls == null ? null : property.apply(cls);
  }

  /** M-1: device INF value, else class value, else the IoCreateDeviceSecure SDDL, else the PnP default. */
  public static EffectiveDescriptor effectiveDescriptor(
      DriverPackage pkg, DeviceStack stack, DeviceObject d, Map<RegistryKeyKind, InfDeviceSettings> inf,
      PolicySettings policy) {
    InfDeviceSettings hw = inf.get(RegistryKeyKind.HW);
    InfDeviceSettings cls = inf.get(RegistryKeyKind.CLASS);
    if (stack.infCovered() && hw != null && hw.setsSecurity()) {
      return effective(pkg, stack, d, DescriptorSource.INF_DEVICE, hw.security(), hw.securityLocation());
    }
    // the class key is the one of the INF's [Version] ClassGuid: it applies to the devices the INF
    // installs (they are of that class) and overrides the IoCreateDeviceSecure default of an object
    // created with that same class GUID, never of one created with another class's GUID
    if (cls != null && cls.setsSecurity()
        && (stack.infCovered() || sameGuid(d.classGuid(), pkg.infClassGuid()))) {
      return effective(pkg, stack, d, DescriptorSource.INF_CLASS, cls.security(), cls.securityLocation());
    }
    // IoCreateDeviceSecure always applies its DefaultSDDLString (a required argument): an object
    // created so never gets the PnP default. An SDDL the manifest does not give, or the source scan
    // could not resolve, is unknown: no descriptor, so decisions deny (fail closed) and rules
    // assume nothing (OBJ-2/OBJ-8 report the missing SDDL)
    if (d.createdSecure()) {
      return effective(pkg, stack, d, DescriptorSource.CREATION, d.sddl(), d.sddlLocation());
    }
    return effective(pkg, stack, d, DescriptorSource.DEFAULT, policy.pnpDefaultSddl(), d.location());
  }

  /** True when both are the same GUID: case-insensitive, braces optional; false when either is missing. */
  public static boolean sameGuid(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String x = bare(a);
    return !x.isEmpty() && x.equalsIgnoreCase(bare(b));
  }

  private static String bare(String guid) {
    String t = guid.trim();
    return t.startsWith("{") && t.endsWith("}") ? t.substring(1, t.length() - 1).trim() : t;
  }

  private static EffectiveDescriptor effective(
      DriverPackage pkg, DeviceStack stack, DeviceObject d, DescriptorSource source, String sddl, SourceLocation at) {
    SecurityDescriptor sd;
    try {
      // an empty or missing SDDL would parse to a descriptor without a DACL, i.e. everyone allowed;
      // fail closed instead: no descriptor, so decisions deny and rules assume nothing
      sd = sddl == null || sddl.isBlank() ? null : Sddl.parse(sddl);
    } catch (SddlException e) {
      sd = null;
    }
    return new EffectiveDescriptor(pkg.name(), d.id(), stack.name(), source, sddl, sd, at);
  }
}
