package io.drvguard.adapters.inf;

import java.util.List;

/**
 * A section with all entries of every same-named section of the file, in file order (Windows merges
 * sections with the same name, names compared ignoring case).
 *
 * @param name the name as first written, without the brackets, trimmed
 * @param headerLines the 1-based line of each {@code [name]} header merged here
 * @param entries the entries in file order
 */
public record InfSection(String name, List<Integer> headerLines, List<InfEntry> entries) {
  public InfSection {
    headerLines = List.copyOf(headerLines);
    entries = List.copyOf(entries);
  }

  /** The first header line. */
  public int line() {
    return headerLines.get(0);
  }

  /** True when this section is named {@code other}, ignoring case. */
  public boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** The entries whose key is {@code key}, ignoring case, in file order (duplicate keys are all kept). */
  public List<InfEntry> entries(String key) {
    return entries.stream().filter(e -> e.hasKey(key)).toList();
  }

  /** The value of the first entry with key {@code key}, field 0, or null. */
  public String firstValue(String key) {
    return entries.stream().filter(e -> e.hasKey(key)).findFirst().map(e -> e.value(0)).orElse(null);
  }
}
