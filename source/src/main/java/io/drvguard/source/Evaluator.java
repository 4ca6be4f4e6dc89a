package io.drvguard.source;

import io.drvguard.adapters.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Evaluates the C expressions the facts need at compile time: integer arithmetic over literals and
 * macros ({@code CTL_CODE} and the driver's wrappers around it), string literals and string macros,
 * {@code DEFINE_GUID}s and the WDK's constants, and a value followed through the local variables
 * and parameters of one file ({@code RtlInitUnicodeString}, {@code DECLARE_CONST_UNICODE_STRING},
 * {@code RTL_CONSTANT_STRING}, plain initialisation and assignment). Anything else is
 * {@link Value.Unknown} with the reason, never a guess.
 */
final class Evaluator {
  private static final int MAX_DEPTH = 24;
  private static final Set<String> INIT_STRING = Set.of(
      "RtlInitUnicodeString", "RtlInitString", "RtlInitAnsiString", "RtlUnicodeStringInit", "RtlInitUnicodeStringEx");
  private static final Set<String> DECLARE_STRING = Set.of(
      "DECLARE_CONST_UNICODE_STRING", "DECLARE_GLOBAL_CONST_UNICODE_STRING");
  /** Calls that build a string at run time: a variable they fill has no compile-time value. */
  private static final Set<String> BUILD_STRING = Set.of(
      "RtlUnicodeStringPrintf", "RtlUnicodeStringPrintfEx", "RtlUnicodeStringCopy", "RtlUnicodeStringCat",
      "RtlAppendUnicodeToString", "RtlAppendUnicodeStringToString", "RtlCopyUnicodeString", "RtlStringCchPrintfW",
      "RtlStringCbPrintfW", "swprintf", "swprintf_s", "StringCchPrintfW", "StringCbPrintfW", "wcscpy_s", "wcscat_s");
  private static final Pattern DECLARE_TEXT_LINE = Pattern.compile(
      "(?m)^\\s*DECLARE_(?:GLOBAL_)?CONST_UNICODE_STRING\\s*\\(\\s*(\\w+)\\s*,");
  private static final Pattern DECLARE_TEXT = Pattern.compile(
      "DECLARE_(?:GLOBAL_)?CONST_UNICODE_STRING\\s*\\(\\s*(\\w+)\\s*,(.*)\\)\\s*;", Pattern.DOTALL);

  private final Symbols symbols;
  private final CParser snippets;
  private final Map<String, CFile> parsedSnippets = new HashMap<>();
  private int depth;

  Evaluator(Symbols symbols, CParser snippets) {
    this.symbols = symbols;
    this.snippets = snippets;
  }

  /** The value of {@code expr}, a node of {@code f}; locals are looked up before {@code expr}. */
  Value eval(CFile f, TSNode expr) {
    if (++depth > MAX_DEPTH) {
      depth--;
      return Value.unknown("too deeply nested definitions");
    }
    try {
      return evalNode(f, expr, true);
    } finally {
      depth--;
    }
  }

  /** The value of a macro body or a substituted macro call: no local variables apply. */
  Value evalText(String text) {
    if (text.isBlank()) {
      return Value.unknown("an empty definition");
    }
    CFile snippet = parsedSnippets.get(text);
    if (snippet == null) {
      try {
        snippet = snippets.parse(Path.of("<macro>"), "<macro>", "int __drvguard_value = " + text + "\n;");
      } catch (InputException e) {
        return Value.unknown("`" + text + "` is not an expression");
      }
      parsedSnippets.put(text, snippet);
    }
    List<TSNode> inits = Nodes.all(snippet.root(), "init_declarator");
    if (inits.isEmpty() || Nodes.field(inits.get(0), "value") == null) {
      return Value.unknown("`" + text + "` is not an expression");
    }
    if (++depth > MAX_DEPTH) {
      depth--;
      return Value.unknown("too deeply nested definitions");
    }
    try {
      return evalNode(snippet, Nodes.field(inits.get(0), "value"), false);
    } finally {
      depth--;
    }
  }

  private Value evalNode(CFile f, TSNode n, boolean locals) {
    String type = n.getType();
    switch (type) {
      case "number_literal": {
        Long v = literal(f.text(n));
        return v == null ? Value.unknown("`" + f.text(n) + "` is not an integer") : new Value.Num(v);
      }
      case "true":
        return new Value.Num(1);
      case "false":
      case "null":
        return new Value.Num(0);
      case "string_literal":
        return new Value.Str(unquote(f.text(n)));
      case "concatenated_string": {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.getNamedChildCount(); i++) {
          Value v = eval(f, n.getNamedChild(i));
          if (!(v instanceof Value.Str s)) {
            return v.known() ? Value.unknown("`" + f.text(n) + "` joins a non-string") : v;
          }
          sb.append(s.value());
        }
        return new Value.Str(sb.toString());
      }
      case "parenthesized_expression":
        return n.getNamedChildCount() == 0 ? Value.unknown("empty parentheses") : eval(f, n.getNamedChild(0));
      case "cast_expression": {
        TSNode v = Nodes.field(n, "value");
        return v == null ? Value.unknown("`" + f.text(n) + "`") : eval(f, v);
      }
      case "pointer_expression": {
        TSNode arg = Nodes.field(n, "argument");
        // &x: the strings and GUIDs the facts need are passed by address
        return arg == null ? Value.unknown("`" + f.text(n) + "`") : eval(f, arg);
      }
      case "identifier":
        return identifier(f, n, f.text(n), locals);
      case "unary_expression":
        return unary(f, n);
      case "binary_expression":
        return binary(f, n);
      case "call_expression":
        return call(f, n);
      case "field_expression":
        return Value.unknown("`" + f.text(n) + "` is a structure field, set at run time");
      default:
        return Value.unknown("`" + shorten(f.text(n)) + "` is not a constant expression drvguard evaluates");
    }
  }

  private Value identifier(CFile f, TSNode use, String name, boolean locals) {
    if (locals) {
      Value v = local(f, use, name);
      if (v != null) {
        return v;
      }
    }
    Symbols.Macro m = symbols.macro(name);
    if (m != null) {
      Value v = evalText(m.body());
      return v.known() ? v : Value.unknown("`" + name + "` (" + m.file().at(m.node()) + "): " + v.why());
    }
    String guid = symbols.guid(name);
    if (guid != null) {
      return new Value.Str(guid);
    }
    Value wdk = WdkConstants.lookup(name);
    if (wdk != null) {
      return wdk;
    }
    return Value.unknown("`" + name + "` is not defined in the driver's sources");
  }

  private Value unary(CFile f, TSNode n) {
    TSNode op = Nodes.field(n, "operator");
    TSNode arg = Nodes.field(n, "argument");
    if (op == null || arg == null) {
      return Value.unknown("`" + f.text(n) + "`");
    }
    Value v = eval(f, arg);
    if (!(v instanceof Value.Num x)) {
      return v.known() ? Value.unknown("`" + f.text(n) + "` is not arithmetic") : v;
    }
    return switch (f.text(op)) {
      case "-" -> new Value.Num(-x.value());
      case "+" -> x;
      case "~" -> new Value.Num(~x.value() & 0xFFFFFFFFL);
      case "!" -> new Value.Num(x.value() == 0 ? 1 : 0);
      default -> Value.unknown("`" + f.text(n) + "`");
    };
  }

  private Value binary(CFile f, TSNode n) {
    TSNode l = Nodes.field(n, "left");
    TSNode r = Nodes.field(n, "right");
    TSNode op = Nodes.field(n, "operator");
    if (l == null || r == null || op == null) {
      return Value.unknown("`" + f.text(n) + "`");
    }
    if ("&".equals(f.text(op)) && castLike(f, l)) {
      // (LPCGUID)&GUID_X parses as `(LPCGUID) & GUID_X` when the type name is unknown: a cast of an address
      return eval(f, r);
    }
    Value a = eval(f, l);
    if (!(a instanceof Value.Num x)) {
      return a.known() ? Value.unknown("`" + f.text(n) + "` is not arithmetic") : a;
    }
    Value b = eval(f, r);
    if (!(b instanceof Value.Num y)) {
      return b.known() ? Value.unknown("`" + f.text(n) + "` is not arithmetic") : b;
    }
    long p = x.value();
    long q = y.value();
    return switch (f.text(op)) {
      case "|" -> new Value.Num(p | q);
      case "&" -> new Value.Num(p & q);
      case "^" -> new Value.Num(p ^ q);
      case "+" -> new Value.Num(p + q);
      case "-" -> new Value.Num(p - q);
      case "*" -> new Value.Num(p * q);
      case "/" -> q == 0 ? Value.unknown("division by zero") : new Value.Num(p / q);
      case "%" -> q == 0 ? Value.unknown("division by zero") : new Value.Num(p % q);
      case "<<" -> q < 0 || q > 62 ? Value.unknown("shift by " + q) : new Value.Num(p << q);
      case ">>" -> q < 0 || q > 62 ? Value.unknown("shift by " + q) : new Value.Num(p >> q);
      default -> Value.unknown("`" + f.text(n) + "`");
    };
  }

  /** A parenthesised name that is no value the scan knows: read as a type in a cast. */
  private boolean castLike(CFile f, TSNode left) {
    if (!"parenthesized_expression".equals(left.getType()) || left.getNamedChildCount() != 1) {
      return false;
    }
    TSNode inner = left.getNamedChild(0);
    if (!"identifier".equals(inner.getType())) {
      return false;
    }
    String name = f.text(inner);
    return symbols.macro(name) == null && WdkConstants.lookup(name) == null && local(f, inner, name) == null;
  }

  private Value call(CFile f, TSNode n) {
    String name = Nodes.callee(f, n);
    List<TSNode> args = Nodes.arguments(n);
    if (name == null) {
      return Value.unknown("`" + shorten(f.text(n)) + "` is a call");
    }
    Symbols.FnMacro macro = symbols.fnMacro(name);
    if (macro != null && macro.params().size() == args.size()) {
      List<String> texts = new ArrayList<>();
      for (TSNode a : args) {
        texts.add(f.text(a));
      }
      Value v = evalText(substitute(macro, texts));
      return v.known() ? v : Value.unknown("`" + name + "(...)` (" + macro.file().at(macro.node()) + "): " + v.why());
    }
    switch (name) {
      case "CTL_CODE": {
        if (args.size() != 4) {
          return Value.unknown("CTL_CODE takes 4 arguments");
        }
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
          Value x = eval(f, args.get(i));
          if (!(x instanceof Value.Num num)) {
            return x.known() ? Value.unknown("CTL_CODE argument `" + f.text(args.get(i)) + "` is not a number") : x;
          }
          v[i] = num.value();
        }
        // devioctl.h: device type in bits 16-31, required access 14-15, function 2-13, method 0-1
        return new Value.Num(((v[0] << 16) | (v[3] << 14) | (v[1] << 2) | v[2]) & 0xFFFFFFFFL);
      }
      case "SCARD_CTL_CODE": {
        // winsmcrd.h: smart-card codes are FILE_DEVICE_SMARTCARD, METHOD_BUFFERED, FILE_ANY_ACCESS
        if (args.size() != 1) {
          return Value.unknown("SCARD_CTL_CODE takes 1 argument");
        }
        Value x = eval(f, args.get(0));
        return x instanceof Value.Num num ? new Value.Num(((0x31L << 16) | (num.value() << 2)) & 0xFFFFFFFFL) : x;
      }
      case "RTL_CONSTANT_STRING":
      case "TEXT":
      case "_T":
      case "__TEXT":
      case "_TEXT":
        return args.size() == 1 ? eval(f, args.get(0)) : Value.unknown("`" + name + "` takes 1 argument");
      default:
        return Value.unknown("`" + name + "(...)` is a call drvguard does not evaluate");
    }
  }

  /** A function-like macro's body with its parameters replaced; {@code #p} quotes, {@code ##} pastes. */
  static String substitute(Symbols.FnMacro m, List<String> args) {
    String body = m.body();
    for (int i = 0; i < m.params().size(); i++) {
      String p = Pattern.quote(m.params().get(i));
      String a = Matcher.quoteReplacement(args.get(i).trim());
      body = body.replaceAll("(?<![\\w#])#\\s*" + p + "\\b", Matcher.quoteReplacement("\"" + args.get(i).trim() + "\""));
      body = body.replaceAll("\\b" + p + "\\b", a);
    }
    return body.replaceAll("\\s*##\\s*", "");
  }

  /**
   * The value a local variable, parameter or file-level variable {@code name} holds where
   * {@code use} reads it, or null when {@code name} is none of those (a macro or constant).
   */
  private Value local(CFile f, TSNode use, String name) {
    List<TSNode> candidates = setters(f).getOrDefault(name, List.of());
    TSNode fn = f.functionAt(use);
    int before = use.getStartByte();
    if (fn != null) {
      TSNode setter = null;
      for (TSNode n : candidates) {
        if (n.getStartByte() >= fn.getStartByte() && n.getEndByte() <= fn.getEndByte() && n.getStartByte() < before) {
          setter = n;
        }
      }
      if (setter != null) {
        return setterValue(f, setter, name);
      }
      // a constant passed by address (&SDDL_DEVOBJ_SYS_ALL) is read, not filled
      TSNode filler = symbols.macro(name) != null || symbols.guid(name) != null || WdkConstants.lookup(name) != null
          ? null : filledBy(f, fn, name, before);
      if (filler != null) {
        return Value.unknown("`" + name + "` is filled at run time by " + Nodes.callee(f, filler) + " ("
            + f.at(filler) + ")");
      }
      int index = parameterIndex(f, fn, name);
      if (index >= 0) {
        return parameter(f, fn, index, name);
      }
    }
    TSNode global = null;
    for (TSNode n : candidates) {
      if (f.functionAt(n) == null && (fn != null || n.getStartByte() < before)) {
        global = n;
      }
    }
    return global == null ? null : setterValue(f, global, name);
  }

  /** The last call before {@code before} in {@code fn} that is passed {@code &name}: it fills the variable. */
  private static TSNode filledBy(CFile f, TSNode fn, String name, int before) {
    TSNode last = null;
    for (TSNode call : f.nodes("call_expression")) {
      // a call that contains the use (the call being evaluated) fills nothing before it
      if (call.getStartByte() < fn.getStartByte() || call.getEndByte() > before) {
        continue;
      }
      if (call.getEndByte() > fn.getEndByte()) {
        break;
      }
      for (TSNode a : Nodes.arguments(call)) {
        if ("pointer_expression".equals(a.getType()) && f.text(a).replaceAll("\\s+", "").equals("&" + name)) {
          last = call;
        }
      }
    }
    return last;
  }

  private final Map<CFile, Map<String, List<TSNode>>> setters = new HashMap<>();

  /** Every statement of {@code f} that gives a variable a value, by the variable's name, in source order. */
  private Map<String, List<TSNode>> setters(CFile f) {
    return setters.computeIfAbsent(f, file -> {
      Map<String, List<TSNode>> m = new HashMap<>();
      List<TSNode> all = new ArrayList<>();
      all.addAll(file.nodes("init_declarator"));
      all.addAll(file.nodes("assignment_expression"));
      all.addAll(file.nodes("call_expression"));
      all.sort((a, b) -> Integer.compare(a.getStartByte(), b.getStartByte()));
      for (TSNode n : all) {
        String name = setName(file, n);
        if (name != null) {
          m.computeIfAbsent(name, k -> new ArrayList<>()).add(n);
        }
      }
      declaredAtFileLevel(file, m);
      return m;
    });
  }

  /** DECLARE_CONST_UNICODE_STRING(x, L"...") at file level parses as a declaration, not a call: found in the text. */
  private static void declaredAtFileLevel(CFile f, Map<String, List<TSNode>> m) {
    String text = f.text();
    Matcher d = DECLARE_TEXT_LINE.matcher(text);
    while (d.find()) {
      int bytes = text.substring(0, d.start()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      TSNode n = f.root().getNamedDescendantForByteRange(bytes, bytes);
      while (n != null && !n.isNull() && !"declaration".equals(n.getType()) && !"expression_statement".equals(n.getType())
          && n.getParent() != null && !n.getParent().isNull()) {
        n = n.getParent();
      }
      if (n != null && !n.isNull() && f.functionAt(n) == null
          && ("declaration".equals(n.getType()) || "expression_statement".equals(n.getType()))) {
        m.computeIfAbsent(d.group(1), k -> new ArrayList<>()).add(n);
      }
    }
  }

  /** The variable {@code n} gives a value to, or null when it is not such a statement. */
  private static String setName(CFile f, TSNode n) {
    switch (n.getType()) {
      case "init_declarator": {
        TSNode d = Nodes.field(n, "declarator");
        return d == null ? null : declaredName(f, d);
      }
      case "assignment_expression": {
        TSNode l = Nodes.field(n, "left");
        TSNode op = Nodes.field(n, "operator");
        return l != null && "identifier".equals(l.getType()) && (op == null || "=".equals(f.text(op)))
            ? f.text(l) : null;
      }
      case "call_expression": {
        String callee = Nodes.callee(f, n);
        List<TSNode> a = Nodes.arguments(n);
        if (callee == null || a.size() < 2) {
          return null;
        }
        if (INIT_STRING.contains(callee) || BUILD_STRING.contains(callee)) {
          String t = f.text(a.get(0)).replaceAll("[&\\s()]", "");
          return t.matches("\\w+") ? t : null;
        }
        return DECLARE_STRING.contains(callee) ? f.text(a.get(0)).trim() : null;
      }
      default:
        return null;
    }
  }

  private Value setterValue(CFile f, TSNode setter, String name) {
    switch (setter.getType()) {
      case "init_declarator": {
        TSNode v = Nodes.field(setter, "value");
        if (v == null) {
          return Value.unknown("`" + name + "` is declared without a value");
        }
        if ("initializer_list".equals(v.getType())) {
          return Value.unknown("`" + name + "` is initialised with a structure (" + f.at(setter) + ")");
        }
        return eval(f, v);
      }
      case "assignment_expression":
        return eval(f, Nodes.field(setter, "right"));
      case "call_expression": {
        String callee = Nodes.callee(f, setter);
        if (BUILD_STRING.contains(callee)) {
          return Value.unknown("`" + name + "` is built at run time by " + callee + " (" + f.at(setter) + ")");
        }
        return eval(f, Nodes.arguments(setter).get(1));
      }
      default: {
        Matcher m = DECLARE_TEXT.matcher(f.text(setter));
        return m.find() ? evalText(m.group(2).trim()) : Value.unknown("`" + name + "`");
      }
    }
  }

  static String declaredName(CFile f, TSNode d) {
    TSNode x = d;
    while (x != null && !"identifier".equals(x.getType())) {
      x = Nodes.field(x, "declarator");
    }
    return x == null ? null : f.text(x);
  }

  private static int parameterIndex(CFile f, TSNode fn, String name) {
    return Nodes.parameterNames(f, fn).indexOf(name);
  }

  /** A parameter's value: the same known value at every call in this file, else unknown. */
  private Value parameter(CFile f, TSNode fn, int index, String name) {
    String fname = Nodes.functionName(f, fn);
    Value agreed = null;
    int calls = 0;
    for (TSNode call : f.nodes("call_expression")) {
      if (fname == null || !fname.equals(Nodes.callee(f, call))) {
        continue;
      }
      List<TSNode> a = Nodes.arguments(call);
      if (a.size() <= index) {
        continue;
      }
      calls++;
      Value v = eval(f, a.get(index));
      if (!v.known()) {
        return Value.unknown("parameter `" + name + "` of " + fname + " is `" + f.text(a.get(index)) + "` at "
            + f.at(call) + ": " + v.why());
      }
      if (agreed != null && !agreed.equals(v)) {
        return Value.unknown("parameter `" + name + "` of " + fname + " gets different values from its callers");
      }
      agreed = v;
    }
    return calls == 0
        ? Value.unknown("parameter `" + name + "` of " + fname + " has no caller in " + f.rel())
        : agreed;
  }

  /** A C integer literal (decimal, hex, octal, binary, with U/L/I64 suffixes), or null. */
  static Long literal(String text) {
    String t = text.trim().replace("'", "").replaceAll("(?i)(u?i64|ull|llu|ul|lu|ll|u|l)$", "");
    try {
      if (t.matches("(?i)0x[0-9a-f]+")) {
        return Long.parseUnsignedLong(t.substring(2), 16);
      }
      if (t.matches("(?i)0b[01]+")) {
        return Long.parseLong(t.substring(2), 2);
      }
      if (t.matches("0[0-7]+")) {
        return Long.parseLong(t.substring(1), 8);
      }
      if (t.matches("[0-9]+")) {
        return Long.parseLong(t);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  /** The characters a (narrow or wide) string literal denotes. */
  static String unquote(String literal) {
    int open = literal.indexOf('"');
    int close = literal.lastIndexOf('"');
    if (open < 0 || close <= open) {
      return "";
    }
    String s = literal.substring(open + 1, close);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000B');
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int j = i;
          while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            j++;
          }
          sb.append((char) Integer.parseInt(s.substring(i, j), 8));
          i = j - 1;
        }
        case 'x' -> {
          int j = i + 1;
          while (j < s.length() && Character.digit(s.charAt(j), 16) >= 0) {
            j++;
          }
          if (j > i + 1) {
            sb.append((char) Integer.parseInt(s.substring(i + 1, Math.min(j, i + 5)), 16));
            i = j - 1;
          } else {
            sb.append('x');
          }
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }

  private static String shorten(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }
}
