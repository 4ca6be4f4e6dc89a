package io.drvguard.facts.model;

import java.util.List;

/**
 * One {@code deviceObjects[]} entry of a manifest: how the driver code creates a device object.
 * {@code position} is the 0-based index within its stack, bottom to top, in manifest order.
 *
 * @param packageName the package (its {@code driver.name}) the object belongs to
 * @param id the manifest {@code id}, unique within the package
 * @param kind PDO, FDO, filter, control, legacy or volume device object
 * @param stack the stack it belongs to: objects with one {@code stack} value form one stack
 * @param position its index in the stack, 0 at the bottom
 * @param rawMode a PDO that runs without a function driver (raw mode), opened directly
 * @param name its name in the object namespace ({@code \Device\…}); null or empty when unnamed
 * @param createdWith IoCreateDevice or IoCreateDeviceSecure
 * @param sddl the SDDL given at creation (IoCreateDeviceSecure's {@code DefaultSDDLString}); null when none
 * @param classGuid the device setup class GUID given at creation; null when none
 * @param characteristics the {@code Characteristics} flags it is created with (see {@link DeviceCharacteristics})
 * @param characteristicNames the same flags by name, as the manifest listed them
 * @param exclusive created exclusive ({@code DO_EXCLUSIVE}): one open handle at a time
 * @param hasVpb it has a volume parameter block (a storage device a file system mounts)
 * @param copiesLowerCharacteristics it copies the lower object's characteristics when it attaches (NS-11)
 * @param location where the entry is written
 * @param sddlLocation where its {@code sddl} is written
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

  /** True when the object has a name, so it can be opened by name. */
  public boolean named() {
    return name != null && !name.isEmpty();
  }

  /** True when created with IoCreateDeviceSecure. */
  public boolean createdSecure() {
    return createdWith == CreationRoutine.IoCreateDeviceSecure;
  }

  /** True when every bit of {@code flag} is among its creation characteristics. */
  public boolean hasCharacteristic(int flag) {
    return (characteristics & flag) == flag;
  }
}
