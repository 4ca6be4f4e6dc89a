package io.drvguard.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterC;

/**
 * One parsed C or C++ source file: its text as UTF-8 (what tree-sitter's byte offsets index), its
 * syntax tree, and an index of the constructs the extractors read (definitions, calls,
 * assignments, case labels), gathered once by a native tree-sitter query instead of walking every
 * node from Java. The tree must stay referenced while its nodes are used, so nodes never outlive
 * the file that holds them.
 */
final class CFile {
  /** The node kinds the extractors read, each captured under its own name. */
  private static final String QUERY = String.join("\n",
      "(preproc_def) @preproc_def",
      "(preproc_function_def) @preproc_function_def",
      "(call_expression) @call_expression",
      "(function_definition) @function_definition",
      "(assignment_expression) @assignment_expression",
      "(case_statement) @case_statement",
      "(binary_expression operator: \"==\") @equality",
      "(init_declarator) @init_declarator");
  private static TSQuery query;

  private final Path path;
  private final String name;
  private final byte[] utf8;
  private final TSTree tree;
  /** Lines before the parsed text in the real file: a definition parsed on its own keeps its true line. */
  private final int lineOffset;
  private Map<String, List<TSNode>> index;
  private int[] fnStart;
  private int[] fnEnd;
  private TSNode[] fnNodes;
  private String[] fnNames;

  CFile(Path path, String name, String text, TSTree tree) {
    this(path, name, text, tree, 0);
  }

  CFile(Path path, String name, String text, TSTree tree, int lineOffset) {
    this.path = path;
    this.name = name;
    this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    this.tree = tree;
    this.lineOffset = lineOffset;
  }

  /** 1-based line of a node's first character in the real file. */
  int lineOf(TSNode n) {
    return line(n) + lineOffset;
  }

  Path path() {
    return path;
  }

  /** A short name for messages: the path relative to the scan root, with forward slashes. */
  String rel() {
    return name;
  }

  TSNode root() {
    return tree.getRootNode();
  }

  String text(TSNode n) {
    return new String(utf8, n.getStartByte(), n.getEndByte() - n.getStartByte(), StandardCharsets.UTF_8);
  }

  /** The whole file's text. */
  String text() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** 1-based line of a node's first character. */
  static int line(TSNode n) {
    return n.getStartPoint().getRow() + 1;
  }

  /** {@code file:line} of a node, for messages. */
  String at(TSNode n) {
    return name + ":" + lineOf(n);
  }

  /** Every node of an indexed kind ({@code call_expression}, {@code equality}, …), in source order. */
  List<TSNode> nodes(String kind) {
    return index().getOrDefault(kind, List.of());
  }

  /** A {@code #define}: its name, its parameters (null for an object-like macro) and its body without comments. */
  record Define(String name, List<String> params, String body, TSNode node) {}

  /** A call of a named routine: the callee, the call node and the enclosing function's name (or null). */
  record Call(String callee, TSNode node, String caller) {}

  /** An assignment: its node, its left side without blanks, and the enclosing function's name (or null). */
  record Assignment(TSNode node, String left, String caller) {}

  private List<Define> defines;
  private List<Call> calls;
  private List<Assignment> assignments;

  /** The file's {@code #define}s in source order, read once per file. */
  synchronized List<Define> defines() {
    if (defines == null) {
      List<Define> out = new ArrayList<>();
      List<TSNode> all = new ArrayList<>(nodes("preproc_def"));
      all.addAll(nodes("preproc_function_def"));
      all.sort((a, b) -> Integer.compare(a.getStartByte(), b.getStartByte()));
      for (TSNode n : all) {
        TSNode name = Nodes.field(n, "name");
        TSNode value = Nodes.field(n, "value");
        if (name == null) {
          continue;
        }
        List<String> params = null;
        if ("preproc_function_def".equals(n.getType())) {
          TSNode ps = Nodes.field(n, "parameters");
          if (ps == null) {
            continue;
          }
          params = new ArrayList<>();
          for (int i = 0; i < ps.getNamedChildCount(); i++) {
            params.add(text(ps.getNamedChild(i)));
          }
        }
        out.add(new Define(text(name), params, value == null ? "" : Symbols.stripComments(text(value)), n));
      }
      defines = List.copyOf(out);
    }
    return defines;
  }

  /**
   * The calls of named routines, in source order; read from the tree once per file, since every
   * driver that includes a header would otherwise read it again.
   */
  synchronized List<Call> calls() {
    if (calls == null) {
      List<Call> out = new ArrayList<>();
      for (TSNode n : nodes("call_expression")) {
        String callee = Nodes.callee(this, n);
        if (callee != null) {
          out.add(new Call(callee, n, functionNameAt(n)));
        }
      }
      calls = List.copyOf(out);
    }
    return calls;
  }

  /** Every assignment, in source order, read once per file. */
  synchronized List<Assignment> assignments() {
    if (assignments == null) {
      List<Assignment> out = new ArrayList<>();
      for (TSNode n : nodes("assignment_expression")) {
        TSNode l = Nodes.field(n, "left");
        out.add(new Assignment(n, l == null ? "" : text(l).replaceAll("\\s+", ""), functionNameAt(n)));
      }
      assignments = List.copyOf(out);
    }
    return assignments;
  }

  /** The function definitions with their names (null where the declarator did not parse), in source order. */
  List<Map.Entry<String, TSNode>> functions() {
    index();
    List<Map.Entry<String, TSNode>> out = new ArrayList<>();
    for (int i = 0; i < fnNodes.length; i++) {
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(fnNames[i], fnNodes[i]));
    }
    return out;
  }

  /**
   * True when tree-sitter recognised at least one C construct anywhere in the file, even inside a
   * region it could not place (a header wrapped in {@code extern "C" {} parses that way).
   */
  boolean anyConstruct() {
    TSQueryCursor cursor = new TSQueryCursor();
    cursor.exec(constructs(), root());
    return cursor.nextMatch(new TSQueryMatch());
  }

  private static TSQuery constructs;

  private static synchronized TSQuery constructs() {
    if (constructs == null) {
      constructs = new TSQuery(new TreeSitterC(), "[(preproc_include) (preproc_def) (preproc_function_def)"
          + " (preproc_call) (declaration) (type_definition) (function_definition) (field_declaration)"
          + " (expression_statement) (struct_specifier) (enum_specifier)] @construct");
    }
    return constructs;
  }

  /** The function definition enclosing {@code n}, or null at file level. */
  TSNode functionAt(TSNode n) {
    int i = functionIndex(n.getStartByte(), n.getEndByte());
    return i < 0 ? null : fnNodes[i];
  }

  /** The name of the function enclosing {@code n}, or null at file level or when its declarator did not parse. */
  String functionNameAt(TSNode n) {
    int i = functionIndex(n.getStartByte(), n.getEndByte());
    return i < 0 ? null : fnNames[i];
  }

  private int functionIndex(int start, int end) {
    index();
    int best = -1;
    for (int i = 0; i < fnStart.length && fnStart[i] <= start; i++) {
      if (end <= fnEnd[i] && !(fnStart[i] == start && fnEnd[i] == end)) {
        best = i;
      }
    }
    return best;
  }

  private synchronized Map<String, List<TSNode>> index() {
    if (index != null) {
      return index;
    }
    Map<String, List<TSNode>> m = new HashMap<>();
    TSQuery q = query();
    TSQueryCursor cursor = new TSQueryCursor();
    cursor.exec(q, root());
    TSQueryMatch match = new TSQueryMatch();
    while (cursor.nextMatch(match)) {
      for (TSQueryCapture c : match.getCaptures()) {
        m.computeIfAbsent(q.getCaptureNameForId(c.getIndex()), k -> new ArrayList<>()).add(c.getNode());
      }
    }
    for (List<TSNode> l : m.values()) {
      l.sort((a, b) -> Integer.compare(a.getStartByte(), b.getStartByte()));
    }
    List<TSNode> fns = m.getOrDefault("function_definition", List.of());
    fnStart = new int[fns.size()];
    fnEnd = new int[fns.size()];
    fnNodes = fns.toArray(new TSNode[0]);
    fnNames = new String[fns.size()];
    for (int i = 0; i < fns.size(); i++) {
      fnStart[i] = fns.get(i).getStartByte();
      fnEnd[i] = fns.get(i).getEndByte();
      fnNames[i] = Nodes.functionName(this, fns.get(i));
    }
    index = m;
    return m;
  }

  private static synchronized TSQuery query() {
    if (query == null) {
      query = new TSQuery(new TreeSitterC(), QUERY);
    }
    return query;
  }
}
