package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * A {@code .properties} document as the hierarchical node tree the YAML reader produces. Keys are
 * dotted paths; list items carry their index in brackets, counting from 0 without gaps:
 *
 * <pre>
 * driver.name = toastbus
 * deviceObjects[0].id = pdo0
 * deviceObjects[0].characteristics[0] = FILE_DEVICE_SECURE_OPEN
 * deviceObjects[1].id = fdo0
 * </pre>
 *
 * A segment without an index is item 0, so a single value ({@code validatesAccess =
 * FILE_WRITE_ACCESS}) is a one-element list. An empty value is null, as {@code key:} is in YAML.
 * Lines are read with Commons Configuration's {@link PropertiesConfiguration.PropertiesReader}
 * (escapes, continuation lines, {@code =}/{@code :}/blank separators); {@code include} has no
 * special meaning here (it would be an unknown key). A duplicate key, a key that is both a value
 * and a mapping, and an index gap are errors with their line.
 */
final class PropertiesTree {
  private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)(?:\\[(\\d{1,6})\\])?");

  record Loaded(ImmutableNode root, Positions positions) {}

  private static final class Builder {
    final String display;
    final int line;
    String value;
    int valueLine;
    boolean hasValue;
    final Map<String, TreeMap<Integer, Builder>> children = new LinkedHashMap<>();

    Builder(String display, int line) {
      this.display = display;
      this.line = line;
    }
  }

  private PropertiesTree() {}

  static Loaded load(String kind, String file, String text) throws InputException {
    IndexedPositions positions = new IndexedPositions();
    Builder root = new Builder("", 0);
    String[] lines = text.split("\\R", -1);
    try (PropertiesConfiguration.PropertiesReader reader =
        new PropertiesConfiguration.PropertiesReader(new StringReader(text))) {
      while (true) {
        int before = reader.getLineNumber();
        if (!reader.nextProperty()) {
          break;
        }
        int line = before + reader.getCommentLines().size() + 1;
        int column = line <= lines.length ? firstNonBlank(lines[line - 1]) : 1;
        put(kind, file, root, positions, reader.getPropertyName(), reader.getPropertyValue(), line, column);
      }
    } catch (IOException | RuntimeException e) {
      throw new InputException(file, "properties_syntax_error", TreeLoader.rootMessage(e));
    }
    return new Loaded(build(kind, file, "", root, positions), positions);
  }

  private static int firstNonBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return i + 1;
      }
    }
    return 1;
  }

  private static void put(String kind, String file, Builder root, IndexedPositions positions, String key,
      String value, int line, int column) throws InputException {
    if (key == null || key.isBlank()) {
      throw new InputException(file, line, column, "properties_syntax_error", "a line with a value but no key");
    }
    Builder node = root;
    String canonical = "";
    for (String seg : key.split("\\.", -1)) {
      Matcher m = SEGMENT.matcher(seg);
      if (!m.matches()) {
        throw new InputException(file, line, column, "properties_syntax_error", "key `" + key
            + "` is malformed: write dotted names with list items as `name[0]`, e.g. `deviceObjects[0].id`");
      }
      String name = m.group(1);
      if (name.chars().allMatch(Character::isDigit)) {
        throw new InputException(file, line, column, "properties_syntax_error", "key `" + key
            + "` has the number `" + name + "` as a name: write list items with brackets, as in `"
            + key.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]") + "`");
      }
      int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      if (node.hasValue) {
        throw conflict(kind, file, node, line, column);
      }
      String display = node.display.isEmpty() ? seg : node.display + "." + seg;
      Builder parent = node;
      node = parent.children.computeIfAbsent(name, n -> new TreeMap<>())
          .computeIfAbsent(index, i -> new Builder(display, line));
      canonical = IndexedPositions.segment(canonical, name, index);
      positions.put(canonical, line, column);
    }
    if (node.hasValue) {
      throw new InputException(file, line, column, kind + "_duplicate_key",
          "duplicate key `" + key + "` (first written on line " + node.valueLine + ")");
    }
    if (!node.children.isEmpty()) {
      throw conflict(kind, file, node, line, column);
    }
    node.hasValue = true;
    node.valueLine = line;
    String v = value == null ? "" : value.trim();
    node.value = v.isEmpty() ? null : v;
  }

  private static InputException conflict(String kind, String file, Builder node, int line, int column) {
    return new InputException(file, line, column, kind + "_wrong_type", "`" + node.display
        + "` is given both a value and keys under it; it must be one or the other");
  }

  private static ImmutableNode build(String kind, String file, String name, Builder b, IndexedPositions positions)
      throws InputException {
    ImmutableNode.Builder out = new ImmutableNode.Builder().name(name).value(b.value);
    for (Map.Entry<String, TreeMap<Integer, Builder>> e : b.children.entrySet()) {
      int expected = 0;
      List<Builder> items = new ArrayList<>(e.getValue().values());
      for (Map.Entry<Integer, Builder> item : e.getValue().entrySet()) {
        if (item.getKey() != expected) {
          Builder bad = item.getValue();
          throw new InputException(file, bad.line, 0, "properties_syntax_error", "`" + bad.display
              + "`: list indexes of `" + e.getKey() + "` must count up from 0 without gaps; index "
              + expected + " is missing");
        }
        expected++;
      }
      for (Builder item : items) {
        out.addChild(build(kind, file, e.getKey(), item, positions));
      }
    }
    return out.create();
  }
}
