package io.drvguard.adapters.tree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of formats where every key may repeat (XML elements, indexed properties keys). Paths
 * are stored fully indexed ({@code driver[0].name[0]}, {@code deviceObjects[1].id[0]}); a
 * {@link Section} path such as {@code driver.name} or {@code deviceObjects[1].rawMode} is looked up
 * with {@code [0]} added to each segment that has no index, because a key written once is both a
 * mapping ({@code driver}) and the first item of a list ({@code deviceObjects[0]}).
 */
final class IndexedPositions implements Positions {
  private final Map<String, Position> byPath = new HashMap<>();

  /** Records {@code position} for the canonical (fully indexed) {@code path} unless it has one. */
  void put(String canonicalPath, int line, int column) {
    byPath.putIfAbsent(canonicalPath, new Position(line, column));
  }

  /** Records {@code position} for {@code path}, replacing what was there. */
  void replace(String canonicalPath, int line, int column) {
    byPath.put(canonicalPath, new Position(line, column));
  }

  static String segment(String parentCanonical, String name, int index) {
    String s = name + "[" + index + "]";
    return parentCanonical.isEmpty() ? s : parentCanonical + "." + s;
  }

  /** {@code driver.name} → {@code driver[0].name[0]}. */
  static String canonical(String path) {
    if (path.isEmpty()) {
      return path;
    }
    StringBuilder out = new StringBuilder();
    for (String seg : path.split("\\.", -1)) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(seg);
      if (!seg.endsWith("]")) {
        out.append("[0]");
      }
    }
    return out.toString();
  }

  @Override
  public Position at(String path) {
    String p = canonical(path);
    while (!p.isEmpty()) {
      Position pos = byPath.get(p);
      if (pos != null) {
        return pos;
      }
      int cut = p.lastIndexOf('.');
      if (cut <= 0) {
        break;
      }
      p = p.substring(0, cut);
    }
    return Position.UNKNOWN;
  }

  @Override
  public List<String> keysAt(String path) {
    return List.of();
  }
}
