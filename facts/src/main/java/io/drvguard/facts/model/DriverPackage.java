package io.drvguard.facts.model;

import java.nio.file.Path;
import java.util.List;

/** A driver package as the adapters read it: manifest facts plus where they came from. */
public record DriverPackage(
    String name,
    Path directory,
    Path manifestFile,
    Driver driver,
    List<DeviceObject> deviceObjects,
    List<IoctlDefinition> ioctls,
    List<KernelObjectDef> kernelObjects) {

  public DriverPackage {
    deviceObjects = List.copyOf(deviceObjects);
    ioctls = List.copyOf(ioctls);
    kernelObjects = List.copyOf(kernelObjects);
  }
}
