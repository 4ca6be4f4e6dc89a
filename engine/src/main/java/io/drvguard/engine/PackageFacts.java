package io.drvguard.engine;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.DescriptorSource;
import io.drvguard.facts.policy.DeviceStack;
import io.drvguard.facts.policy.EffectiveDescriptor;
import io.drvguard.facts.policy.InfDeviceSettings;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.SddlFact;
import io.drvguard.facts.policy.SddlOrigin;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SddlException;
import io.drvguard.facts.security.SecurityDescriptor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a package into the facts a session works on. The model computes (parsed SDDL, the INF's
 * device settings, stacks with their characteristics, effective descriptors per M-1); the rules
 * decide.
 */
final class PackageFacts {
  private PackageFacts() {}

  static List<Object> of(DriverPackage pkg, PolicySettings policy) {
    List<Object> facts = new ArrayList<>();
    facts.add(policy);
    if (pkg.driver() != null) {
      facts.add(pkg.driver());
    }
    facts.addAll(pkg.deviceObjects());
    facts.addAll(pkg.ioctls());
    facts.addAll(pkg.kernelObjects());
    facts.addAll(pkg.infValues());

    for (DeviceObject d : pkg.deviceObjects()) {
      if (d.sddl() != null) {
        facts.add(SddlFact.of(pkg.name(), d.id(), SddlOrigin.CREATION, d.sddl(), d.sddlLocation()));
      }
    }
    for (KernelObjectDef k : pkg.kernelObjects()) {
      if (k.sddl() != null) {
        facts.add(SddlFact.of(pkg.name(), k.name(), SddlOrigin.KERNEL_OBJECT, k.sddl(), k.location()));
      }
    }
    for (InfRegistryValue v : pkg.infValues()) {
      if (isSecurity(v) && v.value() != null && !v.value().isBlank()) {
        facts.add(SddlFact.of(pkg.name(), infSubject(v), SddlOrigin.INF, v.value(), v.location()));
      }
    }

    Map<RegistryKeyKind, InfDeviceSettings> inf = infSettings(pkg);
    facts.addAll(inf.values());
    List<DeviceStack> stacks = stacks(pkg, inf);
    facts.addAll(stacks);
    for (DeviceStack s : stacks) {
      for (DeviceObject d : s.objects()) {
        facts.add(effectiveDescriptor(pkg, s, d, inf, policy));
      }
    }
    return facts;
  }

  /** How findings about an INF value name it: its AddReg section and property. */
  static String infSubject(InfRegistryValue v) {
    return v.section() + "/" + v.property();
  }

  private static boolean isSecurity(InfRegistryValue v) {
    return v.isDeviceProperty() && v.property().equals("Security") && v.keyKind() != RegistryKeyKind.SOFTWARE;
  }

  /**
   * What the INF sets per key kind. Later lines win, as later AddReg writes overwrite earlier
   * ones; software-key values are not device properties and are left out.
   */
  static Map<RegistryKeyKind, InfDeviceSettings> infSettings(DriverPackage pkg) {
    Map<RegistryKeyKind, InfDeviceSettings> out = new EnumMap<>(RegistryKeyKind.class);
    for (RegistryKeyKind kind : List.of(RegistryKeyKind.HW, RegistryKeyKind.CLASS)) {
      String security = null;
      SourceLocation securityAt = null;
      Integer chars = null;
      SourceLocation charsAt = null;
      Boolean exclusive = null;
      Integer type = null;
      boolean any = false;
      for (InfRegistryValue v : pkg.infValues()) {
        if (v.keyKind() != kind || !v.isDeviceProperty()) {
          continue;
        }
        any = true;
        switch (v.property()) {
          case "Security" -> {
            security = v.value() == null ? "" : v.value();
            securityAt = v.location();
          }
          case "DeviceCharacteristics" -> {
            chars = dword(v);
            charsAt = v.location();
          }
          case "Exclusive" -> {
            Integer e = dword(v);
            exclusive = e == null ? null : e != 0;
          }
          case "DeviceType" -> type = dword(v);
          default -> { }
        }
      }
      if (any) {
        out.put(kind, new InfDeviceSettings(pkg.name(), pkg.infFile(), kind, security, securityAt, chars, charsAt,
            exclusive, type));
      }
    }
    return out;
  }

  /** The value of a {@code 0x10001} (REG_DWORD) line, or null when it is not written as one (INF-2). */
  static Integer dword(InfRegistryValue v) {
    Long flags = v.flagsValue();
    if (flags == null || flags != 0x10001L || v.value() == null || v.valueQuoted()) {
      return null;
    }
    String t = v.value().trim().toLowerCase(java.util.Locale.ROOT);
    try {
      long n = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
      return n >= 0 && n <= 0xFFFFFFFFL ? (int) n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static List<DeviceStack> stacks(DriverPackage pkg, Map<RegistryKeyKind, InfDeviceSettings> inf) {
    Map<String, List<DeviceObject>> byStack = new LinkedHashMap<>();
    for (DeviceObject d : pkg.deviceObjects()) {
      byStack.computeIfAbsent(d.stack(), k -> new ArrayList<>()).add(d);
    }
    Integer infChars = infCharacteristics(inf);
    List<DeviceStack> out = new ArrayList<>();
    for (Map.Entry<String, List<DeviceObject>> e : byStack.entrySet()) {
      List<DeviceObject> objects = e.getValue();
      boolean pnp = objects.stream().anyMatch(d -> d.kind() == DeviceObjectKind.PDO || d.kind().attachesToStack());
      // the package INF installs the driver whose FDO or filter sits in the stack; a stack that
      // is only a PDO belongs to a child device whose INF is not in this package
      boolean covered = pkg.hasInf() && objects.stream().anyMatch(d -> d.kind().attachesToStack());
      List<Integer> chars = new ArrayList<>();
      int below = 0;
      for (int i = 0; i < objects.size(); i++) {
        DeviceObject d = objects.get(i);
        int c = d.characteristics();
        if (i > 0 && d.copiesLowerCharacteristics()) {
          c |= below;
        }
        // the PnP manager applies the INF's DeviceCharacteristics to every object of the stack
        if (covered && infChars != null) {
          c |= infChars;
        }
        chars.add(c);
        below = c;
      }
      out.add(new DeviceStack(pkg.name(), e.getKey(), objects, chars, covered, pnp));
    }
    return out;
  }

  private static Integer infCharacteristics(Map<RegistryKeyKind, InfDeviceSettings> inf) {
    InfDeviceSettings hw = inf.get(RegistryKeyKind.HW);
    if (hw != null && hw.setsCharacteristics()) {
      return hw.characteristics();
    }
    InfDeviceSettings cls = inf.get(RegistryKeyKind.CLASS);
    return cls != null && cls.setsCharacteristics() ? cls.characteristics() : null;
  }

  /** M-1: device INF value, else class value, else the IoCreateDeviceSecure SDDL, else the PnP default. */
  static EffectiveDescriptor effectiveDescriptor(
      DriverPackage pkg, DeviceStack stack, DeviceObject d, Map<RegistryKeyKind, InfDeviceSettings> inf,
      PolicySettings policy) {
    InfDeviceSettings hw = inf.get(RegistryKeyKind.HW);
    InfDeviceSettings cls = inf.get(RegistryKeyKind.CLASS);
    if (stack.infCovered() && hw != null && hw.setsSecurity()) {
      return effective(pkg, stack, d, DescriptorSource.INF_DEVICE, hw.security(), hw.securityLocation());
    }
    // the class key applies to devices of the class the INF installs, and overrides the
    // IoCreateDeviceSecure default of an object created with that class GUID
    if (cls != null && cls.setsSecurity() && (stack.infCovered() || d.classGuid() != null)) {
      return effective(pkg, stack, d, DescriptorSource.INF_CLASS, cls.security(), cls.securityLocation());
    }
    if (d.createdSecure() && d.sddl() != null) {
      return effective(pkg, stack, d, DescriptorSource.CREATION, d.sddl(), d.sddlLocation());
    }
    return effective(pkg, stack, d, DescriptorSource.DEFAULT, policy.pnpDefaultSddl(), d.location());
  }

  private static EffectiveDescriptor effective(
      DriverPackage pkg, DeviceStack stack, DeviceObject d, DescriptorSource source, String sddl, SourceLocation at) {
    SecurityDescriptor sd;
    try {
      sd = Sddl.parse(sddl);
    } catch (SddlException e) {
      sd = null;
    }
    return new EffectiveDescriptor(pkg.name(), d.id(), stack.name(), source, sddl, sd, at);
  }
}
