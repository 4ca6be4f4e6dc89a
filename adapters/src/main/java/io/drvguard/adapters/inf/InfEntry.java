package io.drvguard.adapters.inf;

import java.util.List;

/**
 * One logical line of a section (continuation lines joined): {@code key = field, field, ...} or a
 * keyless {@code field, field, ...}.
 *
 * @param key the text before the first {@code =} outside quotes, unquoted and substituted; null
 *     for a keyless line such as {@code HKR,,Security,,"D:P(A;;GA;;;SY)"}
 * @param fields the fields after the {@code =} (all fields of a keyless line)
 * @param lineFields the whole line split at commas, ignoring any {@code =}: how registry lines in
 *     {@code AddReg} sections are read (for a keyless line the same as {@code fields})
 * @param text the line without its comment, continuations joined, trimmed
 * @param rawLine the line as written, comment included, continuations joined (each continued
 *     physical line without its final {@code \}), without the line break
 * @param line 1-based number of the first physical line
 */
public record InfEntry(String key, List<InfField> fields, List<InfField> lineFields, String text, String rawLine, int line) {
  public InfEntry {
    fields = List.copyOf(fields);
    lineFields = List.copyOf(lineFields);
  }

  /** True when the key equals {@code name}, ignoring case. */
  public boolean hasKey(String name) {
    return key != null && key.equalsIgnoreCase(name);
  }

  /** The field values after the {@code =} (all fields of a keyless line). */
  public List<String> values() {
    return fields.stream().map(InfField::value).toList();
  }

  /** The value of field {@code i} (0-based, after the {@code =}), or null when the line has fewer fields. */
  public String value(int i) {
    return i < fields.size() ? fields.get(i).value() : null;
  }
}
