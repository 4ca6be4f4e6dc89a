package io.drvguard.facts.policy;

import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import java.util.List;

/**
 * The device objects sharing one {@code stack} value, bottom to top, with the characteristics each
 * has when it attaches and the ones it ends up with.
 *
 * <p>At attach time an object has its own flags, plus the lower object's when it copies
 * {@code Characteristics} from it. On a stack the PnP manager builds ({@code propagates}), it then
 * ORs the stack-wide flags ({@link #STACK_WIDE}) of the registry value (the INF's
 * {@code DeviceCharacteristics}) and of every FDO and filter object (the PDO's instead of an FDO
 * for a raw device without one) into every object before the stack starts
 * (kernel/specifying-device-characteristics.md). Elsewhere nothing propagates and the attach-time
 * flags stay. Decisions use the final flags of the top object (NS-11).
 *
 * @param packageName the package the stack belongs to
 * @param name the {@code stack} value its objects share
 * @param objects its device objects, bottom to top
 * @param attachCharacteristics per object, bottom to top, as it attaches
 * @param effectiveCharacteristics per object, bottom to top, once the stack runs
 * @param infCovered true when the package INF's settings apply to this stack (a PnP stack holding an
 *     FDO or filter object installed by that INF)
 * @param pnp true when the stack holds a PDO or an object attached to one (it is a PnP device)
 * @param propagates true when the PnP manager's pass before start covers the listed objects: the
 *     stack's bottom is a PDO, or an FDO or filter that attaches to a PDO the package does not list,
 *     and the driver is a PnP driver (its objects are added through AddDevice). A legacy driver's
 *     filter attaches whenever it calls IoAttachDevice*, outside that pass; so does anything attached
 *     above a control, legacy or volume object
 */
public record DeviceStack(
    String packageName,
    String name,
    List<DeviceObject> objects,
    List<Integer> attachCharacteristics,
    List<Integer> effectiveCharacteristics,
    boolean infCovered,
    boolean pnp,
    boolean propagates) {

  /** The characteristics the PnP manager sets on every object of a stack when one has them. */
  public static final int STACK_WIDE = DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN
      | DeviceCharacteristics.FILE_FLOPPY_DISKETTE
      | DeviceCharacteristics.FILE_READ_ONLY_DEVICE
      | DeviceCharacteristics.FILE_REMOVABLE_MEDIA
      | DeviceCharacteristics.FILE_WRITE_ONCE_MEDIA;

  public DeviceStack {
    objects = List.copyOf(objects);
    attachCharacteristics = List.copyOf(attachCharacteristics);
    effectiveCharacteristics = List.copyOf(effectiveCharacteristics);
  }

  /** A stack on which nothing propagates: every object keeps the flags it has when it attaches. */
  public DeviceStack(String packageName, String name, List<DeviceObject> objects, List<Integer> characteristics,
      boolean infCovered, boolean pnp) {
    this(packageName, name, objects, characteristics, characteristics, infCovered, pnp, false);
  }

  /**
   * True when the PnP manager ORs {@code d}'s stack-wide flags into the whole stack: an FDO or
   * filter object, or the PDO of a raw device that has no FDO.
   */
  public static boolean propagationSource(List<DeviceObject> objects, DeviceObject d) {
    if (d.kind().attachesToStack()) {
      return true;
    }
    return d.kind() == DeviceObjectKind.PDO && d.rawMode()
        && objects.stream().noneMatch(o -> o.kind() == DeviceObjectKind.FDO);
  }

  /** The top object: the one an open of the stack reaches first. */
  public DeviceObject top() {
    return objects.get(objects.size() - 1);
  }

  /** The bottom object (the PDO of a PnP stack). */
  public DeviceObject bottom() {
    return objects.get(0);
  }

  /** The top object's flags once the stack runs, after propagation. */
  public int topCharacteristics() {
    return effectiveCharacteristics.get(effectiveCharacteristics.size() - 1);
  }

  /** The top object's flags as it attaches, before any propagation. */
  public int topAttachCharacteristics() {
    return attachCharacteristics.get(attachCharacteristics.size() - 1);
  }

  /** The flags of {@code d} (an object of this stack) once the stack runs. */
  public int characteristicsOf(DeviceObject d) {
    return effectiveCharacteristics.get(objects.indexOf(d));
  }

  /** FILE_DEVICE_SECURE_OPEN as the I/O manager sees it: on the top object once the stack runs (NS-11). */
  public boolean secureOpen() {
    return (topCharacteristics() & DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN) != 0;
  }

  /** The named objects, bottom to top. */
  public List<DeviceObject> namedObjects() {
    return objects.stream().filter(DeviceObject::named).toList();
  }

  /** The number of objects. */
  public int size() {
    return objects.size();
  }

  /** The objects with their places and attach-time flags, bottom (index 0) to top. */
  public List<StackLayer> layers() {
    List<StackLayer> out = new java.util.ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      out.add(new StackLayer(packageName, name, i, objects.get(i), attachCharacteristics.get(i)));
    }
    return List.copyOf(out);
  }
}
