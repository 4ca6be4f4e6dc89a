package io.drvguard.engine;

import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.SddlFact;
import io.drvguard.facts.policy.SddlOrigin;
import java.util.ArrayList;
import java.util.List;

/** Turns a package into the facts a session works on, deriving parsed SDDL once per string. */
final class PackageFacts {
  private PackageFacts() {}

  static List<Object> of(DriverPackage pkg, PolicySettings policy) {
    List<Object> facts = new ArrayList<>();
    facts.add(policy);
    if (pkg.driver() != null) {
      facts.add(pkg.driver());
    }
    for (DeviceObject d : pkg.deviceObjects()) {
      facts.add(d);
      if (d.sddl() != null) {
        facts.add(SddlFact.of(pkg.name(), d.id(), SddlOrigin.CREATION, d.sddl(), d.sddlLocation()));
      }
    }
    facts.addAll(pkg.ioctls());
    for (KernelObjectDef k : pkg.kernelObjects()) {
      facts.add(k);
      if (k.sddl() != null) {
        facts.add(SddlFact.of(pkg.name(), k.name(), SddlOrigin.KERNEL_OBJECT, k.sddl(), k.location()));
      }
    }
    return facts;
  }
}
