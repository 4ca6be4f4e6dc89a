package io.drvguard.facts.model;

import java.util.List;

/**
 * One {@code deviceObjects[]} entry of a manifest: how the driver code creates a device object.
 * {@code position} is the 0-based index within its stack, bottom to top, in manifest order.
 *
 * @param deviceType the {@code DeviceType} passed to IoCreateDevice (manifest {@code deviceType},
 *     extension), or null when the manifest does not say; only FILE_DEVICE_DISK and
 *     FILE_DEVICE_CD_ROM change a decision (the traverse check, NS-2)
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
    SourceLocation sddlLocation,
    Integer deviceType) {

  public DeviceObject {
    characteristicNames = List.copyOf(characteristicNames);
  }

  /** A device object whose manifest entry gives no device type. */
  public DeviceObject(String packageName, String id, DeviceObjectKind kind, String stack, int position, boolean rawMode,
      String name, CreationRoutine createdWith, String sddl, String classGuid, int characteristics,
      List<String> characteristicNames, boolean exclusive, boolean hasVpb, boolean copiesLowerCharacteristics,
      SourceLocation location, SourceLocation sddlLocation) {
    this(packageName, id, kind, stack, position, rawMode, name, createdWith, sddl, classGuid, characteristics,
        characteristicNames, exclusive, hasVpb, copiesLowerCharacteristics, location, sddlLocation, null);
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
