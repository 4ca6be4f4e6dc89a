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
    String infClassGuid) {

  public DriverPackage {
    deviceObjects = List.copyOf(deviceObjects);
    ioctls = List.copyOf(ioctls);
    kernelObjects = List.copyOf(kernelObjects);
    infValues = List.copyOf(infValues);
  }

  /** A package whose INF names no setup class (or that has no INF). */
  public DriverPackage(String name, Path directory, Path manifestFile, Driver driver, List<DeviceObject> deviceObjects,
      List<IoctlDefinition> ioctls, List<KernelObjectDef> kernelObjects, String infFile, List<InfRegistryValue> infValues) {
    this(name, directory, manifestFile, driver, deviceObjects, ioctls, kernelObjects, infFile, infValues, null);
  }

  /** The same package with its INF's registry values. */
  public DriverPackage withInf(String file, List<InfRegistryValue> values) {
    return withInf(file, values, infClassGuid);
  }

  /** The same package with its INF's registry values and {@code [Version] ClassGuid}. */
  public DriverPackage withInf(String file, List<InfRegistryValue> values, String classGuid) {
    return new DriverPackage(name, directory, manifestFile, driver, deviceObjects, ioctls, kernelObjects, file, values,
        classGuid);
  }

  public boolean hasInf() {
    return infFile != null;
  }
}
