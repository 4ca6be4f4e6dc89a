package io.drvguard.facts.model;

import io.drvguard.facts.inf.InfRegistryValue;
import java.nio.file.Path;
import java.util.List;

/**
 * A driver package as the adapters read it: manifest facts, the registry values its INF writes,
 * and where they came from. A bare INF checked on its own has no manifest, no driver and no device
 * objects: only {@code infValues}.
 *
 * @param manifestFile null for a bare INF
 * @param driver null for a bare INF
 * @param infFile the INF as the user would name it, or null when the package has none
 * @param infClassGuid the INF's {@code [Version] ClassGuid} as written, or null: the setup class
 *     whose class key the INF's {@code ClassInstall32} section writes (M-1)
 * @param unresolved what a source scan found but could not resolve (empty for a manifest)
 */
public record DriverPackage(
    String name,
    Path directory,
    Path manifestFile,
    Driver driver,
    List<DeviceObject> deviceObjects,
    List<IoctlDefinition> ioctls,
    List<KernelObjectDef> kernelObjects,
    String infFile,
    List<InfRegistryValue> infValues,
    String infClassGuid,
    List<Unresolved> unresolved) {

  public DriverPackage {
    unresolved = List.copyOf(unresolved);
    deviceObjects = List.copyOf(deviceObjects);
    ioctls = List.copyOf(ioctls);
    kernelObjects = List.copyOf(kernelObjects);
    infValues = List.copyOf(infValues);
  }

  /** A package whose INF names no setup class (or that has no INF). */
  public DriverPackage(String name, Path directory, Path manifestFile, Driver driver, List<DeviceObject> deviceObjects,
      List<IoctlDefinition> ioctls, List<KernelObjectDef> kernelObjects, String infFile, List<InfRegistryValue> infValues) {
    this(name, directory, manifestFile, driver, deviceObjects, ioctls, kernelObjects, infFile, infValues, null, List.of());
  }

  /** A package read from a manifest: nothing is unresolved. */
  public DriverPackage(String name, Path directory, Path manifestFile, Driver driver, List<DeviceObject> deviceObjects,
      List<IoctlDefinition> ioctls, List<KernelObjectDef> kernelObjects, String infFile, List<InfRegistryValue> infValues,
      String infClassGuid) {
    this(name, directory, manifestFile, driver, deviceObjects, ioctls, kernelObjects, infFile, infValues, infClassGuid,
        List.of());
  }

  /** The same package with its INF's registry values. */
  public DriverPackage withInf(String file, List<InfRegistryValue> values) {
    return withInf(file, values, infClassGuid);
  }

  /** The same package with its INF's registry values and {@code [Version] ClassGuid}. */
  public DriverPackage withInf(String file, List<InfRegistryValue> values, String classGuid) {
    return new DriverPackage(name, directory, manifestFile, driver, deviceObjects, ioctls, kernelObjects, file, values,
        classGuid, unresolved);
  }

  /** True when the source scan could not resolve the SDDL of device object or kernel object {@code subject}. */
  public boolean sddlUnresolved(String subject) {
    return unresolved.stream().anyMatch(u -> u.sddl() && u.subject().equals(subject));
  }

  public boolean hasInf() {
    return infFile != null;
  }
}
