package io.drvguard.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.treesitter.TSNode;

/** Small walks over tree-sitter nodes. */
final class Nodes {
  private Nodes() {}

  /** Visits {@code n} and every node below it, depth first, in source order. */
  static void walk(TSNode n, Consumer<TSNode> visit) {
    // an explicit stack: generated or macro-heavy code nests deeper than the Java stack allows
    java.util.ArrayDeque<TSNode> stack = new java.util.ArrayDeque<>();
    stack.push(n);
    while (!stack.isEmpty()) {
      TSNode x = stack.pop();
      visit.accept(x);
      for (int i = x.getNamedChildCount() - 1; i >= 0; i--) {
        stack.push(x.getNamedChild(i));
      }
    }
  }

  /** Every node of {@code type} at or below {@code n}, in source order. */
  static List<TSNode> all(TSNode n, String type) {
    List<TSNode> out = new ArrayList<>();
    walk(n, x -> {
      if (type.equals(x.getType())) {
        out.add(x);
      }
    });
    return out;
  }

  static TSNode field(TSNode n, String name) {
    TSNode c = n.getChildByFieldName(name);
    return c == null || c.isNull() ? null : c;
  }

  /** The arguments of a call expression (empty when it has none or the list did not parse). */
  static List<TSNode> arguments(TSNode call) {
    TSNode args = field(call, "arguments");
    List<TSNode> out = new ArrayList<>();
    if (args == null) {
      return out;
    }
    for (int i = 0; i < args.getNamedChildCount(); i++) {
      TSNode a = args.getNamedChild(i);
      if (!"comment".equals(a.getType())) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The arguments of a call as text, split at the commas outside parentheses: robust where the
   * grammar splits one argument in two (a C++ {@code Class::Member} in C).
   */
  static List<String> argumentTexts(CFile f, TSNode call) {
    TSNode args = field(call, "arguments");
    List<String> out = new ArrayList<>();
    if (args == null) {
      return out;
    }
    String t = f.text(args).trim();
    if (t.length() < 2) {
      return out;
    }
    int depth = 0;
    int start = 1;
    for (int i = 1; i < t.length() - 1; i++) {
      char c = t.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(t.substring(start, i).trim());
        start = i + 1;
      }
    }
    String last = t.substring(start, t.length() - 1).trim();
    if (!last.isEmpty() || !out.isEmpty()) {
      out.add(last);
    }
    return out;
  }

  /** The name a call expression calls, when it calls a plain identifier; else null. */
  static String callee(CFile f, TSNode call) {
    TSNode fn = field(call, "function");
    return fn != null && "identifier".equals(fn.getType()) ? f.text(fn) : null;
  }

  /** The name a function definition defines, or null when its declarator did not parse as one. */
  static String functionName(CFile f, TSNode definition) {
    TSNode d = field(definition, "declarator");
    while (d != null) {
      if ("function_declarator".equals(d.getType())) {
        TSNode id = field(d, "declarator");
        while (id != null && !"identifier".equals(id.getType())) {
          id = field(id, "declarator");
        }
        return id == null ? null : f.text(id);
      }
      d = field(d, "declarator");
    }
    return null;
  }

  /**
   * The names a function definition's parameters declare, in order: the last identifier of each
   * comma-separated part of its parameter list. Read from the text because annotation macros the
   * grammar does not know ({@code IN}, {@code OPTIONAL}, SAL) can break the parameter nodes.
   */
  static List<String> parameterNames(CFile f, TSNode definition) {
    String name = functionName(f, definition);
    String text = f.text(definition);
    int at = name == null ? -1 : text.indexOf(name);
    int open = at < 0 ? -1 : text.indexOf('(', at + name.length());
    List<String> out = new ArrayList<>();
    if (open < 0) {
      return out;
    }
    int depth = 0;
    int start = open + 1;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        add(out, text.substring(start, i));
        break;
      } else if (c == ',' && depth == 1) {
        add(out, text.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  private static void add(List<String> out, String part) {
    String p = part.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ").trim();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)\\s*(\\[[^\\]]*\\]\\s*)*$").matcher(p);
    if (!p.isEmpty() && !p.equals("void") && !p.equals("VOID")) {
      out.add(m.find() ? m.group(1) : null);
    }
  }
}
