package io.drvguard.facts.policy;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.model.DeviceCharacteristics;
import java.util.List;

/**
 * Message text for the INF rules (INF-2, INF-3, INF-4). What a line does is {@code AddRegEffect}'s
 * (INF semantics); what counts as a finding is DRL (Inf.drl), with the broad principals and
 * write-type rights of INF-4 from configuration ({@code PolicySettings}).
 */
public final class InfText {
  private InfText() {}

  /**
   * The line as written without its trailing comment and surrounding blanks, for messages: a
   * {@code ;} outside double quotes starts a comment.
   */
  public static String lineText(InfRegistryValue v) {
    String raw = v.rawLine() == null ? "" : v.rawLine();
    boolean quoted = false;
    int end = raw.length();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        end = i;
        break;
      }
    }
    return raw.substring(0, end).strip();
  }

  /**
   * A hint for a Security line whose SDDL did not parse: written literally without quotes, the
   * INF parser ends the value at the first {@code ;} (a comment). Empty when it was quoted or
   * came from a {@code %strkey%}.
   */
  public static String unquotedSddlHint(InfRegistryValue v) {
    return v.valueQuoted() || v.rawLine() == null || v.rawLine().contains("%")
        ? ""
        : " (written without quotes, so a `;` in it starts a comment)";
  }

  /** The INF-settable characteristics of {@code characteristics}, by name. */
  public static String settableCharacteristicsText(int characteristics) {
    int settable = DeviceCharacteristics.infSettable(characteristics);
    List<String> names = DeviceCharacteristics.names(settable);
    return names.isEmpty() ? "0x" + Integer.toHexString(settable) : String.join("|", names);
  }

  /** The characteristics an INF may set, by name: {@code FILE_REMOVABLE_MEDIA|…|FILE_DEVICE_SECURE_OPEN}. */
  public static String settableCharacteristicsList() {
    return String.join("|", DeviceCharacteristics.names(DeviceCharacteristics.INF_SETTABLE));
  }
}
