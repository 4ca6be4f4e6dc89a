package io.drvguard.streams;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.Target;
import io.drvguard.library.PackageInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver packages an instance decides for, by package name, read once when the instance
 * starts. Each package's model (effective descriptors, stacks) is worked out once too; only the
 * per-machine state changes from event to event, so a {@link DeviceModel} per event is cheap.
 */
public final class PackageRegistry {
  /** A package and the model the policy makes of it. */
  private record Entry(DriverPackage pkg, PackageModel model) {}

  private final Map<String, Entry> packages = new LinkedHashMap<>();
  private final PolicySettings policy;
  private final List<InputException> errors;

  private PackageRegistry(List<DriverPackage> pkgs, PolicySettings policy, List<InputException> errors) {
    this.policy = policy;
    this.errors = List.copyOf(errors);
    for (DriverPackage p : pkgs) {
      if (packages.putIfAbsent(p.name(), new Entry(p, PackageModel.of(p, policy))) != null) {
        throw new IllegalArgumentException("two packages are named `" + p.name() + "`; events name a package by its name");
      }
    }
  }

  /** The packages given, under their names. */
  public static PackageRegistry of(PolicySettings policy, DriverPackage... pkgs) {
    return new PackageRegistry(List.of(pkgs), policy, List.of());
  }

  /**
   * The packages found under {@code dir} as {@code drvguard check} finds them (package directories,
   * manifests, INF files, driver source trees); what does not read is in {@link #errors()}.
   */
  public static PackageRegistry load(Path dir, PolicySettings policy) {
    PackageInputs found = PackageInputs.find(List.of(dir));
    List<InputException> errors = new ArrayList<>(found.errors());
    List<DriverPackage> pkgs = new ArrayList<>();
    for (PackageInputs.Input in : found.inputs()) {
      try {
        pkgs.add(in.read());
      } catch (InputException e) {
        errors.add(e);
      }
    }
    return new PackageRegistry(pkgs, policy, errors);
  }

  /** The package named {@code name}, if this instance has it. */
  public Optional<DriverPackage> get(String name) {
    return Optional.ofNullable(packages.get(name)).map(Entry::pkg);
  }

  /** The names of the packages, in the order read. */
  public List<String> names() {
    return List.copyOf(packages.keySet());
  }

  /** What could not be read when the packages were loaded (empty for {@link #of}). */
  public List<InputException> errors() {
    return errors;
  }

  /** The OS target of an event that names none: the policy's ({@code policy.target}). */
  public Target defaultTarget() {
    return policy.target();
  }

  /**
   * A model of package {@code name} for {@code machine} in its initial state; restore the machine's
   * state into it.
   *
   * @throws IllegalArgumentException when there is no such package
   */
  public DeviceModel newModel(String machine, String name, Target target) {
    Entry e = packages.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no package `" + name + "`");
    }
    return new DeviceModel(machine, e.pkg(), e.model(), target);
  }
}
