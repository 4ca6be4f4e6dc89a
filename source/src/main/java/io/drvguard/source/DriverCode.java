package io.drvguard.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * The parsed sources of one driver with the indexes the extractors share: its function
 * definitions and who calls whom, every call by callee name, every assignment, and its symbols.
 */
final class DriverCode {
  /** A node together with the file that holds it. */
  record At(CFile file, TSNode node) {
    String text() {
      return file.text(node);
    }
  }

  final List<CFile> files;
  final Symbols symbols;
  final Evaluator eval;
  private final Map<String, List<At>> functions = new HashMap<>();
  private final Map<String, List<At>> calls = new HashMap<>();
  private final List<At> assignments = new ArrayList<>();
  private final Map<String, Set<String>> callees = new HashMap<>();
  /** The left side of each assignment without blanks: matched by several extractors. */
  private final List<String> leftTexts = new ArrayList<>();

  DriverCode(List<CFile> files, CParser snippets) {
    this(files, new Symbols(), snippets);
  }

  /** {@code files} are the driver's parsed sources; {@code symbols} may load more files for their definitions. */
  DriverCode(List<CFile> files, Symbols symbols, CParser snippets) {
    this.files = List.copyOf(files);
    this.symbols = symbols;
    for (CFile f : files) {
      symbols.add(f);
      index(f);
    }
    this.eval = new Evaluator(symbols, snippets);
  }

  private void index(CFile f) {
    for (Map.Entry<String, TSNode> fn : f.functions()) {
      if (fn.getKey() != null) {
        functions.computeIfAbsent(fn.getKey(), k -> new ArrayList<>()).add(new At(f, fn.getValue()));
      }
    }
    for (CFile.Call c : f.calls()) {
      calls.computeIfAbsent(c.callee(), k -> new ArrayList<>()).add(new At(f, c.node()));
      if (c.caller() != null) {
        callees.computeIfAbsent(c.caller(), k -> new LinkedHashSet<>()).add(c.callee());
      }
    }
    // a routine only registered (MajorFunction[...] = F, a callback) is not called by the registering
    // function: the I/O manager or the framework calls it later, in another context
    for (CFile.Assignment a : f.assignments()) {
      assignments.add(new At(f, a.node()));
      leftTexts.add(a.left());
    }
  }

  List<At> calls(String... names) {
    List<At> out = new ArrayList<>();
    for (String n : names) {
      out.addAll(calls.getOrDefault(n, List.of()));
    }
    out.sort((a, b) -> a.file() == b.file() ? Integer.compare(a.node().getStartByte(), b.node().getStartByte())
        : a.file().rel().compareTo(b.file().rel()));
    return out;
  }

  List<At> assignments() {
    return assignments;
  }

  List<At> function(String name) {
    return functions.getOrDefault(name, List.of());
  }

  boolean defines(String name) {
    return functions.containsKey(name);
  }

  /** {@code roots} and every function of this driver they call, directly or through others. */
  Set<String> reachable(Set<String> roots) {
    Set<String> seen = new LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String f = todo.pop();
      if (seen.add(f)) {
        for (String c : callees.getOrDefault(f, Set.of())) {
          if (functions.containsKey(c)) {
            todo.push(c);
          }
        }
      }
    }
    return seen;
  }

  /** The functions of this driver that call {@code name} (or name it as a value). */
  Set<String> callers(String name) {
    Set<String> out = new LinkedHashSet<>();
    callees.forEach((caller, cs) -> {
      if (cs.contains(name)) {
        out.add(caller);
      }
    });
    return out;
  }

  /** The name of the function enclosing {@code a}, or null at file level. */
  static String functionOf(At a) {
    return a.file().functionNameAt(a.node());
  }

  /** The right-hand sides assigned to a left side whose text matches {@code left} (whitespace ignored). */
  List<At> assignedTo(java.util.regex.Pattern left) {
    List<At> out = new ArrayList<>();
    for (int i = 0; i < assignments.size(); i++) {
      At a = assignments.get(i);
      if (!left.matcher(leftTexts.get(i)).matches()) {
        continue;
      }
      TSNode r = Nodes.field(a.node(), "right");
      if (r != null) {
        // a = b = F: the value is the innermost right side
        while ("assignment_expression".equals(r.getType()) && Nodes.field(r, "right") != null) {
          r = Nodes.field(r, "right");
        }
        out.add(new At(a.file(), r));
      }
    }
    return out;
  }

  /** The text of every function in {@code names}, concatenated (for simple textual checks). */
  String bodies(Set<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      for (At a : function(n)) {
        sb.append(a.text()).append('\n');
      }
    }
    return sb.toString();
  }

  boolean kmdf() {
    return !calls("WdfDriverCreate").isEmpty() || !calls("WdfDeviceCreate").isEmpty();
  }
}
