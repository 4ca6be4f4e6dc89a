package io.drvguard.facts.policy;

import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import java.util.List;

/**
 * The device objects sharing one {@code stack} value, bottom to top, and the characteristics each
 * ends up with: a filter that copies {@code Characteristics} from the next lower object when it
 * attaches keeps the lower flags, one that does not keeps only its own; INF
 * {@code DeviceCharacteristics} are applied to every object of an INF-covered stack (INF-1).
 * Only the top object's flags count for opens (NS-11).
 *
 * @param infCovered true when the package INF's settings apply to this stack (it holds an FDO or
 *     filter object installed by that INF)
 */
public record DeviceStack(
    String packageName,
    String name,
    List<DeviceObject> objects,
    List<Integer> effectiveCharacteristics,
    boolean infCovered,
    boolean pnp) {

  public DeviceStack {
    objects = List.copyOf(objects);
    effectiveCharacteristics = List.copyOf(effectiveCharacteristics);
  }

  public DeviceObject top() {
    return objects.get(objects.size() - 1);
  }

  public DeviceObject bottom() {
    return objects.get(0);
  }

  public int topCharacteristics() {
    return effectiveCharacteristics.get(effectiveCharacteristics.size() - 1);
  }

  public int characteristicsOf(DeviceObject d) {
    return effectiveCharacteristics.get(objects.indexOf(d));
  }

  /** FILE_DEVICE_SECURE_OPEN as the I/O manager sees it: on the top object (NS-11). */
  public boolean secureOpen() {
    return (topCharacteristics() & DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN) != 0;
  }

  public List<DeviceObject> namedObjects() {
    return objects.stream().filter(DeviceObject::named).toList();
  }

  public int size() {
    return objects.size();
  }
}
