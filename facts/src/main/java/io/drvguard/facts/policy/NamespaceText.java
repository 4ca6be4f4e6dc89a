package io.drvguard.facts.policy;

import io.drvguard.facts.derived.NamedDescriptor;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Message text for the namespace rules (NS-3 to NS-11). The judgement itself is DRL: the inference
 * rules of Namespace.drl derive {@code ReachableStack}, {@code TopSettledElsewhere}, {@code
 * SecureOpenDropper} and {@code UnsecuredTop}, which the reporting rules match.
 */
public final class NamespaceText {
  private static final int SECURE_OPEN = DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN;

  private NamespaceText() {}

  /**
   * Where the PnP manager takes the FILE_DEVICE_SECURE_OPEN it sets on every object of {@code s}
   * from, as message text: the objects whose flag it propagates ({@code FDO `fdo0`}) and/or the
   * INF's {@code DeviceCharacteristics}. Empty when nothing propagates the flag.
   */
  public static String secureOpenRestoredBy(DeviceStack s) {
    if (!s.propagates()) {
      return "";
    }
    List<String> from = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      DeviceObject d = s.objects().get(i);
      if ((s.attachCharacteristics().get(i) & SECURE_OPEN) != 0 && DeviceStack.propagationSource(s.objects(), d)) {
        from.add(d.kind() + " `" + d.id() + "`");
      }
    }
    int fromObjects = 0;
    for (int i = 0; i < s.size(); i++) {
      if (DeviceStack.propagationSource(s.objects(), s.objects().get(i))) {
        fromObjects |= s.attachCharacteristics().get(i);
      }
    }
    if ((s.topCharacteristics() & SECURE_OPEN) != 0 && (fromObjects & SECURE_OPEN) == 0) {
      from.add("the INF's `DeviceCharacteristics`");
    }
    return String.join(" and ", from);
  }

  /**
   * The named objects' effective descriptors, bottom to top, as message text:
   * {@code `pdo0` `D:P(...)` (inf_device), ...}.
   */
  public static String descriptorsText(Collection<?> named) {
    return named.stream()
        .filter(NamedDescriptor.class::isInstance)
        .map(NamedDescriptor.class::cast)
        .sorted(Comparator.comparingInt(NamedDescriptor::index))
        .map(n -> n.descriptor())
        .map(d -> "`" + d.deviceObjectId() + "` `" + d.canonicalSddl() + "` (" + d.source().name().toLowerCase(Locale.ROOT) + ")")
        .collect(Collectors.joining(", "));
  }

  /** An example of a namespace open on the stack, for messages: {@code \Device\Name\anything}. */
  public static String namespacePath(DeviceStack s) {
    return s.objects().stream().filter(DeviceObject::named).findFirst()
        .map(d -> d.name() + "\\anything")
        .orElse("\\Device\\<name>\\anything");
  }

  /** Characteristics as message text: {@code 0x00000001 (FILE_REMOVABLE_MEDIA)}. */
  public static String characteristicsText(int value) {
    List<String> names = DeviceCharacteristics.names(value);
    return String.format("0x%08X", value) + (names.isEmpty() ? "" : " (" + String.join(" | ", names) + ")");
  }
}
