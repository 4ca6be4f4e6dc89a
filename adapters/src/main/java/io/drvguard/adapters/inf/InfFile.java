package io.drvguard.adapters.inf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed INF: its sections (looked up ignoring case, same-named sections merged), the
 * {@code [Strings]} table used for {@code %strkey%} substitution, and what the reader found odd.
 * Immutable; safe to share between threads.
 */
public final class InfFile {
  private final String fileName;
  private final String encoding;
  private final List<InfSection> sections;
  private final Map<String, InfSection> byName;
  private final Map<String, String> strings;
  private final List<InfDiagnostic> diagnostics;

  InfFile(String fileName, String encoding, List<InfSection> sections, Map<String, String> strings, List<InfDiagnostic> diagnostics) {
    this.fileName = fileName;
    this.encoding = encoding;
    this.sections = List.copyOf(sections);
    Map<String, InfSection> map = new LinkedHashMap<>();
    for (InfSection s : sections) {
      map.put(key(s.name()), s);
    }
    this.byName = Collections.unmodifiableMap(map);
    TreeMap<String, String> t = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    t.putAll(strings);
    this.strings = Collections.unmodifiableSortedMap(t);
    this.diagnostics = List.copyOf(diagnostics);
  }

  static String key(String sectionName) {
    return sectionName.toLowerCase(Locale.ROOT);
  }

  /** The file as the caller named it; used in every location. */
  public String fileName() {
    return fileName;
  }

  /**
   * How the bytes were decoded: {@code UTF-16LE}, {@code UTF-16BE} (with or without byte order
   * mark), {@code UTF-8} (with or without), or {@code windows-1252} for bytes that are not UTF-8.
   */
  public String encoding() {
    return encoding;
  }

  /** The sections in order of first appearance, duplicates merged. */
  public List<InfSection> sections() {
    return sections;
  }

  /** The section named {@code name}, ignoring case. */
  public Optional<InfSection> section(String name) {
    return Optional.ofNullable(byName.get(key(name.trim())));
  }

  public boolean hasSection(String name) {
    return byName.containsKey(key(name.trim()));
  }

  /**
   * The string table: {@code [Strings]} first, then localized {@code [Strings.xxxx]} sections in
   * file order for keys {@code [Strings]} lacks; the first definition of a key wins. Keys compare
   * ignoring case; values are unquoted.
   */
  public Map<String, String> strings() {
    return strings;
  }

  /** Undefined string keys, AddReg naming a missing section, unterminated quotes…, in line order. */
  public List<InfDiagnostic> diagnostics() {
    return diagnostics;
  }

  @Override
  public String toString() {
    return "InfFile[" + fileName + ", " + encoding + ", " + sections.size() + " sections]";
  }
}
