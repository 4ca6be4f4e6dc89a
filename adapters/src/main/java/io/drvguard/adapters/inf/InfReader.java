package io.drvguard.adapters.inf;

import io.drvguard.facts.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads Windows INF (and {@code .inx}) files as they are found in real driver packages.
 *
 * <p>Syntax handled (see {@link InfDecoder} for encodings):
 *
 * <ul>
 *   <li>CRLF, LF and lone CR line breaks; every entry keeps the 1-based number of its first physical line;
 *   <li>{@code ;} starts a comment outside double quotes;
 *   <li>a {@code \} as the last non-blank character before any comment continues the line on the next
 *       physical line (on the last line of the file it is kept as text: there is nothing to join);
 *   <li>{@code [name]} section headers; lines before the first header (C-style {@code /*++ ... --*}{@code /}
 *       banners, anything) are ignored; same-named sections (compared ignoring case) are merged;
 *   <li>{@code key = field, field}: the key is the text before the first {@code =} outside quotes;
 *       fields are split at commas outside quotes; {@code "..."} quotes a field, {@code ""} inside
 *       quotes is one {@code "}; unquoted blanks at the ends of a field are dropped (blank includes
 *       U+00A0 no-break space, so a line holding only U+00A0 is empty);
 *   <li>{@code %strkey%} is replaced by its {@code [Strings]} value (localized {@code [Strings.xxxx]}
 *       only for keys {@code [Strings]} lacks), in keys and fields, quoted or not, after unquoting;
 *       {@code %%} is one {@code %}; a numeric {@code %13%} is a DIRID and kept; an undefined key is kept
 *       as written and reported as {@link InfDiagnostic#UNDEFINED_STRING}; {@code $ARCH$}-style build
 *       tokens are plain text. {@code [Strings]} values themselves are only unquoted, never split at commas.
 * </ul>
 *
 * <p>The reader holds no state: one instance may be used from several threads.
 */
public final class InfReader {

  /** Reads {@code file}; its {@link Path#toString()} is the file name in every location. */
  public InfFile read(Path file) throws InfException {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InfException(name, 0, -1, InfException.IO_ERROR, "no such file");
    } catch (IOException e) {
      throw new InfException(name, 0, -1, InfException.IO_ERROR,
          "cannot read `" + name + "`: " + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT));
    }
    return read(name, bytes);
  }

  /** Reads INF bytes; {@code displayName} is the file name used in every location and message. */
  public InfFile read(String displayName, byte[] bytes) throws InfException {
    InfDecoder.Decoded d = InfDecoder.decode(displayName, bytes);
    return parse(displayName, d.text(), d.encoding());
  }

  /** Reads already decoded text. */
  public InfFile parse(String displayName, String text) throws InfException {
    return parse(displayName, text, "text");
  }

  // ---------------------------------------------------------------------------------------------

  private record Logical(int line, String content, String raw) {}

  private record RawSection(String name, List<Integer> headers, List<Logical> lines) {}

  private InfFile parse(String file, String text, String encoding) throws InfException {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<String> physical = splitLines(text);
    List<InfDiagnostic> diags = new ArrayList<>();

    // pass 1: logical lines grouped into merged sections
    Map<String, RawSection> raw = new LinkedHashMap<>();
    RawSection current = null;
    for (int i = 0; i < physical.size(); ) {
      int first = i + 1;
      StringBuilder content = new StringBuilder();
      StringBuilder rawText = new StringBuilder();
      while (true) {
        String pl = physical.get(i);
        int cut = commentStart(pl);
        String code = pl.substring(0, cut);
        String trimmed = stripTrailing(code);
        if (trimmed.endsWith("\\") && i + 1 < physical.size()) {
          content.append(trimmed, 0, trimmed.length() - 1);
          rawText.append(trimmed, 0, trimmed.length() - 1).append(pl.substring(cut));
          i++;
          continue;
        }
        content.append(code);
        rawText.append(pl);
        i++;
        break;
      }
      String c = strip(content.toString());
      if (c.isEmpty()) {
        continue;
      }
      if (c.charAt(0) == '[') {
        int close = c.indexOf(']');
        String name;
        if (close < 0) {
          diags.add(new InfDiagnostic(SourceLocation.of(file, first), InfDiagnostic.BAD_SECTION_HEADER,
              "section header `" + c + "` has no closing `]`"));
          name = strip(c.substring(1));
        } else {
          name = strip(c.substring(1, close));
        }
        String key = InfFile.key(name);
        current = raw.get(key);
        if (current == null) {
          current = new RawSection(name, new ArrayList<>(), new ArrayList<>());
          raw.put(key, current);
        }
        current.headers().add(first);
        continue;
      }
      if (current == null) {
        continue; // junk before the first section: banners and the like
      }
      current.lines().add(new Logical(first, c, rawText.toString()));
    }
    if (raw.isEmpty()) {
      throw new InfException(file, 0, -1, InfException.NO_SECTIONS,
          "the file has no section header (`[version]`, …): not an inf file");
    }

    // pass 2: the string table
    Map<String, String> strings = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<RawSection> stringSections = new ArrayList<>();
    RawSection plain = raw.get("strings");
    if (plain != null) {
      stringSections.add(plain);
    }
    for (RawSection s : raw.values()) {
      if (InfFile.key(s.name()).startsWith("strings.")) {
        stringSections.add(s);
      }
    }
    Subst none = new Subst(null, file, diags);
    for (RawSection s : stringSections) {
      for (Logical l : s.lines()) {
        int eq = equalsOutsideQuotes(l.content());
        if (eq < 0) {
          continue;
        }
        String k = single(l.content().substring(0, eq), none, l.line()).value();
        String v = single(l.content().substring(eq + 1), none, l.line()).value();
        strings.putIfAbsent(k, v);
      }
    }

    // pass 3: entries with substitution
    Subst subst = new Subst(strings, file, diags);
    List<InfSection> sections = new ArrayList<>();
    for (RawSection s : raw.values()) {
      String lower = InfFile.key(s.name());
      boolean isStrings = lower.equals("strings") || lower.startsWith("strings.");
      List<InfEntry> entries = new ArrayList<>();
      for (Logical l : s.lines()) {
        entries.add(entry(l, isStrings ? none : subst, isStrings, diags, file));
      }
      sections.add(new InfSection(s.name(), s.headers(), entries));
    }

    // sections named by AddReg/DelReg must exist
    Set<String> names = new HashSet<>(raw.keySet());
    for (InfSection s : sections) {
      for (InfEntry e : s.entries()) {
        if (e.hasKey("AddReg") || e.hasKey("DelReg")) {
          for (InfField f : e.fields()) {
            String target = f.value();
            if (!target.isEmpty() && !names.contains(InfFile.key(target))) {
              diags.add(new InfDiagnostic(SourceLocation.of(file, e.line()), InfDiagnostic.MISSING_SECTION,
                  "`" + e.key() + "` in section `" + s.name() + "` names section `" + target + "`, which the file does not have"));
            }
          }
        }
      }
    }
    // a keyed line is split twice (as key = fields and as a whole line): report each finding once
    List<InfDiagnostic> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(diags));
    distinct.sort(Comparator.comparingInt(d -> d.location().line()));
    return new InfFile(file, encoding, sections, strings, distinct);
  }

  private static InfEntry entry(Logical l, Subst subst, boolean isStrings, List<InfDiagnostic> diags, String file) {
    String c = l.content();
    int eq = equalsOutsideQuotes(c);
    List<InfField> lineFields = fields(c, true, subst, l.line(), diags, file);
    if (eq < 0) {
      return new InfEntry(null, lineFields, lineFields, c, l.raw(), l.line());
    }
    String key = single(c.substring(0, eq), subst, l.line()).value();
    List<InfField> fields = isStrings
        ? List.of(single(c.substring(eq + 1), subst, l.line()))
        : fields(c.substring(eq + 1), true, subst, l.line(), diags, file);
    return new InfEntry(key, fields, lineFields, c, l.raw(), l.line());
  }

  private static InfField single(String s, Subst subst, int line) {
    return fields(s, false, subst, line, null, null).get(0);
  }

  /** Splits at commas outside quotes (when {@code split}), unquotes, trims and substitutes. */
  static List<InfField> fields(String s, boolean split, Subst subst, int line, List<InfDiagnostic> diags, String file) {
    List<InfField> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    int keep = 0;
    boolean quoted = false;
    boolean inQ = false;
    int fieldStart = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (inQ) {
        if (c == '"') {
          if (i + 1 < n && s.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            inQ = false;
          }
        } else {
          sb.append(c);
        }
        keep = sb.length();
      } else if (c == '"') {
        inQ = true;
        quoted = true;
        keep = sb.length();
      } else if (c == ',' && split) {
        out.add(field(sb, keep, quoted, s.substring(fieldStart, i), subst, line));
        sb.setLength(0);
        keep = 0;
        quoted = false;
        fieldStart = i + 1;
      } else if (sb.length() == 0 && !quoted && isBlank(c)) {
        // leading blank
      } else {
        sb.append(c);
      }
    }
    if (inQ && diags != null) {
      diags.add(new InfDiagnostic(SourceLocation.of(file, line), InfDiagnostic.UNTERMINATED_QUOTE,
          "quoted text `" + strip(s.substring(s.lastIndexOf('"'))) + "` has no closing quote"));
    }
    out.add(field(sb, keep, quoted, s.substring(fieldStart), subst, line));
    return out;
  }

  private static InfField field(StringBuilder sb, int keep, boolean quoted, String raw, Subst subst, int line) {
    int end = sb.length();
    while (end > keep && isBlank(sb.charAt(end - 1))) {
      end--;
    }
    String v = sb.substring(0, end);
    return new InfField(subst.apply(v, line), strip(raw), quoted);
  }

  /** {@code %strkey%} substitution against a string table (null: only unquoting, no substitution). */
  static final class Subst {
    private final Map<String, String> strings;
    private final String file;
    private final List<InfDiagnostic> diags;

    Subst(Map<String, String> strings, String file, List<InfDiagnostic> diags) {
      this.strings = strings;
      this.file = file;
      this.diags = diags;
    }

    String apply(String v, int line) {
      if (strings == null || v.indexOf('%') < 0) {
        return v;
      }
      StringBuilder sb = new StringBuilder(v.length());
      int n = v.length();
      int i = 0;
      while (i < n) {
        char c = v.charAt(i);
        if (c != '%') {
          sb.append(c);
          i++;
          continue;
        }
        if (i + 1 < n && v.charAt(i + 1) == '%') {
          sb.append('%');
          i += 2;
          continue;
        }
        int j = v.indexOf('%', i + 1);
        String k = j < 0 ? null : v.substring(i + 1, j);
        if (k == null || !plausibleKey(k)) {
          sb.append('%'); // a lone percent sign
          i++;
          continue;
        }
        String val = strings.get(k);
        if (val != null) {
          sb.append(val);
        } else {
          sb.append(v, i, j + 1);
          if (!isDirid(k)) {
            diags.add(new InfDiagnostic(SourceLocation.of(file, line), InfDiagnostic.UNDEFINED_STRING,
                "string key `%" + k + "%` is not defined in `[strings]`"));
          }
        }
        i = j + 1;
      }
      return sb.toString();
    }
  }

  private static boolean plausibleKey(String k) {
    if (k.isEmpty()) {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (isBlank(c) || c == '\\' || c == '"' || c == '/' || c == ',' || c == ';' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDirid(String k) {
    for (int i = 0; i < k.length(); i++) {
      if (!Character.isDigit(k.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u00A0' || c == '\f' || c == '\u000B' || c == '\uFEFF' || c == '\u001A';
  }

  static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isBlank(s.charAt(a))) {
      a++;
    }
    while (b > a && isBlank(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  private static String stripTrailing(String s) {
    int b = s.length();
    while (b > 0 && isBlank(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(0, b);
  }

  /** Index of the {@code ;} starting a comment (outside double quotes), or the length. */
  static int commentStart(String s) {
    boolean inQ = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        inQ = !inQ;
      } else if (c == ';' && !inQ) {
        return i;
      }
    }
    return s.length();
  }

  static int equalsOutsideQuotes(String s) {
    boolean inQ = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        inQ = !inQ;
      } else if (c == '=' && !inQ) {
        return i;
      }
    }
    return -1;
  }

  /** Physical lines; CRLF, LF and lone CR each end one. A final line break does not start another line. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
