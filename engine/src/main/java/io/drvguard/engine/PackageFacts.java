package io.drvguard.engine;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.SddlFact;
import io.drvguard.facts.policy.SddlOrigin;
import java.util.ArrayList;
import java.util.List;

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
    facts.addAll(pkg.unresolved());

    for (DeviceObject d : pkg.deviceObjects()) {
      // only IoCreateDeviceSecure takes an SDDL; one stated for an IoCreateDevice object is never
      // applied, which a rule of its own reports (SddlIgnoredByIoCreateDevice), not the subset rules
      if (d.sddl() != null && d.createdSecure()) {
        facts.add(SddlFact.of(pkg.name(), d.id(), SddlOrigin.CREATION, d.sddl(), d.sddlLocation(), policy.target()));
      }
    }
    for (KernelObjectDef k : pkg.kernelObjects()) {
      if (k.sddl() != null) {
        facts.add(SddlFact.of(pkg.name(), k.name(), SddlOrigin.KERNEL_OBJECT, k.sddl(), k.location()));
      }
    }
    // one AddReg line reached from two install sections is two value facts but one SDDL
    java.util.Set<SddlFact> infSddl = new java.util.LinkedHashSet<>();
    for (InfRegistryValue v : pkg.infValues()) {
      if (PackageModel.isSecurity(v) && v.value() != null && !v.value().isBlank()) {
        infSddl.add(SddlFact.of(pkg.name(), v.subject(), SddlOrigin.INF, v.value(), v.location()));
      }
    }
    facts.addAll(infSddl);

    PackageModel model = PackageModel.of(pkg, policy);
    facts.addAll(model.infSettings().values());
    facts.addAll(model.stacks());
    model.stacks().forEach(st -> facts.addAll(st.layers()));
    facts.addAll(model.effectiveDescriptors().values());
    return facts;
  }
}
