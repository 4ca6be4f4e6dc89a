package io.drvguard.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * The compile-time names a driver's own sources and headers define: object-like and function-like
 * {@code #define}s and {@code DEFINE_GUID}s. Where a name is defined twice (different branches of
 * an {@code #if}), the first definition in file order wins and the other is remembered as a doubt.
 */
final class Symbols {
  /** An object-like macro: its replacement text and where it is defined. */
  record Macro(String name, String body, CFile file, TSNode node) {}

  /** A function-like macro. */
  record FnMacro(String name, List<String> params, String body, CFile file, TSNode node) {}

  /** Parses, on demand, the files of the driver whose text defines a name (macro or GUID). */
  interface Loader {
    List<CFile> definers(String name);
  }

  private final Loader loader;
  private final java.util.Set<String> looked = new java.util.HashSet<>();
  private final java.util.Set<CFile> added = new java.util.HashSet<>();

  Symbols(Loader loader) {
    this.loader = loader;
  }

  Symbols() {
    this(name -> List.of());
  }

  final Map<String, Macro> macros = new HashMap<>();
  final Map<String, FnMacro> fnMacros = new HashMap<>();
  final Map<String, String> guids = new HashMap<>();
  /** Every object-like macro in definition order (IOCTL definitions are found among them). */
  final List<Macro> ordered = new ArrayList<>();

  Macro macro(String name) {
    load(name, () -> macros.containsKey(name));
    return macros.get(name);
  }

  FnMacro fnMacro(String name) {
    load(name, () -> fnMacros.containsKey(name));
    return fnMacros.get(name);
  }

  String guid(String name) {
    load(name, () -> guids.containsKey(name));
    return guids.get(name);
  }

  private void load(String name, java.util.function.BooleanSupplier known) {
    if (!known.getAsBoolean() && looked.add(name)) {
      for (CFile f : loader.definers(name)) {
        add(f);
      }
    }
  }

  void add(CFile f) {
    if (!added.add(f)) {
      return;
    }
    for (CFile.Define def : f.defines()) {
      if (def.params() == null) {
        Macro m = new Macro(def.name(), def.body(), f, def.node());
        if (macros.putIfAbsent(m.name(), m) == null) {
          ordered.add(m);
        }
      } else {
        fnMacros.putIfAbsent(def.name(), new FnMacro(def.name(), def.params(), def.body(), f, def.node()));
      }
    }
    for (CFile.Call c : f.calls()) {
      if ("DEFINE_GUID".equals(c.callee())) {
        defineGuid(f, c.node());
      }
    }
  }

  private void defineGuid(CFile f, TSNode call) {
    List<TSNode> a = Nodes.arguments(call);
    if (a.size() != 12 || !"identifier".equals(a.get(0).getType())) {
      return;
    }
    long[] v = new long[11];
    for (int i = 0; i < 11; i++) {
      Long x = Evaluator.literal(f.text(a.get(i + 1)).trim());
      if (x == null) {
        return;
      }
      v[i] = x;
    }
    StringBuilder sb = new StringBuilder("{");
    sb.append(String.format("%08x-%04x-%04x-", v[0] & 0xFFFFFFFFL, v[1] & 0xFFFF, v[2] & 0xFFFF));
    for (int i = 3; i < 11; i++) {
      sb.append(String.format("%02x", v[i] & 0xFF));
      if (i == 4) {
        sb.append('-');
      }
    }
    guids.putIfAbsent(f.text(a.get(0)), sb.append('}').toString());
  }

  /** A macro body without its comments and line continuations. */
  static String stripComments(String body) {
    String s = body.replaceAll("\\\\\\r?\\n", " ");
    s = s.replaceAll("/\\*.*?\\*/", " ");
    int line = indexOfLineComment(s);
    if (line >= 0) {
      s = s.substring(0, line);
    }
    return s.trim();
  }

  /** Start of a {@code //} comment outside string and character literals, or -1. */
  private static int indexOfLineComment(String s) {
    boolean str = false;
    boolean chr = false;
    for (int i = 0; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"' && !chr) {
        str = !str;
      } else if (c == '\'' && !str) {
        chr = !chr;
      } else if (!str && !chr && c == '/' && s.charAt(i + 1) == '/') {
        return i;
      }
    }
    return -1;
  }
}
