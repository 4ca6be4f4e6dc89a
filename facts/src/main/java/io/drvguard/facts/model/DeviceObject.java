package io.drvguard.facts.model;

import java.util.List;

/**
 * One {@code deviceObjects[]} entry of a manifest: how the driver code creates a device object.
 * {@code position} is the 0-based index within its stack, bottom to top, in manifest order.
 */
public record DeviceObject(
    String packageName,
    String id,
    DeviceObjectKind kind,
    String stack,
    int position,
    boolean rawMode,
    String name,
    CreationRoutine createdWith,
    String sddl,
    String classGuid,
    int characteristics,
    List<String> characteristicNames,
    boolean exclusive,
    boolean hasVpb,
    boolean copiesLowerCharacteristics,
    SourceLocation location,
    SourceLocation sddlLocation) {

  public DeviceObject {
    characteristicNames = List.copyOf(characteristicNames);
  }

  public boolean named() {
    return name != null && !name.isEmpty();
  }

  public boolean createdSecure() {
    return createdWith == CreationRoutine.IoCreateDeviceSecure;
  }

  public boolean hasCharacteristic(int flag) {
    return (characteristics & flag) == flag;
  }
}
