package io.drvguard.facts.ioctl;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A tiny evaluator for the integer constant expressions found in IOCTL definitions, with C
 * semantics where they matter: integer literals (decimal, {@code 0x} hex, leading-{@code 0}
 * octal, {@code U}/{@code L}/{@code UL}/{@code ULL} suffixes), character literals ({@code 'V'},
 * simple escapes), symbols (caller's map first, then {@link IoctlNames}), casts to the common
 * integer types ({@code (ULONG)}, {@code (DWORD)}, {@code (USHORT)}, ...), unary {@code + - ~},
 * binary {@code * / % + - << >> & ^ |} with C precedence, parentheses, and the call
 * {@code CTL_CODE(DeviceType, Function, Method, Access)}.
 *
 * <p>Arithmetic is done in 64-bit signed integers. In strict mode every {@code CTL_CODE}
 * argument is range-checked (device type 0..0xffff, function 0..0xfff, method and access 0..3);
 * in lenient mode the call computes exactly what the C macro computes, truncated to 32 bits, so
 * an out-of-range field silently spills into its neighbour as it does in a real driver.
 */
final class CtlExpression {
  private static final Set<String> UNSIGNED_WORDS =
      Set.of("unsigned", "ULONG", "DWORD", "UINT", "UINT32", "ULONG32", "DWORD32", "uint32_t",
          "USHORT", "WORD", "uint16_t", "UCHAR", "BYTE", "uint8_t", "ULONG64", "ULONGLONG",
          "DWORD64", "UINT64", "uint64_t", "ULONG_PTR", "SIZE_T", "size_t");
  private static final Set<String> SIGNED_WORDS =
      Set.of("signed", "int", "long", "LONG", "INT", "INT32", "LONG32", "int32_t", "NTSTATUS",
          "short", "char", "CHAR", "LONG64", "LONGLONG", "INT64", "int64_t", "LONG_PTR");
  private static final Set<String> WORDS_8 = Set.of("UCHAR", "BYTE", "uint8_t", "char", "CHAR");
  private static final Set<String> WORDS_16 = Set.of("USHORT", "WORD", "uint16_t", "short");
  private static final Set<String> WORDS_64 =
      Set.of("ULONG64", "ULONGLONG", "DWORD64", "UINT64", "uint64_t", "ULONG_PTR", "SIZE_T",
          "size_t", "LONG64", "LONGLONG", "INT64", "int64_t", "LONG_PTR");

  private final String src;
  private final Map<String, Long> symbols;
  private final boolean strict;
  private int pos;
  private int depth;

  /** Nesting limit (parentheses, unary operators, casts), so hostile input cannot overflow the stack. */
  static final int MAX_DEPTH = 200;

  private CtlExpression(String src, Map<String, Long> symbols, boolean strict) {
    this.src = src;
    this.symbols = symbols == null ? Map.of() : symbols;
    this.strict = strict;
  }

  /** Evaluates the whole text; anything left over is an error. */
  static long evaluate(String text, Map<String, Long> symbols, boolean strict) {
    if (text == null) {
      throw CtlCodeException.parse(0, "empty input");
    }
    CtlExpression e = new CtlExpression(text, symbols, strict);
    e.skipWs();
    if (e.pos == text.length()) {
      throw CtlCodeException.parse(e.pos, "empty input");
    }
    long v = e.parseOr();
    e.skipWs();
    if (e.pos < text.length()) {
      throw CtlCodeException.parse(e.pos, "unexpected " + e.describeHere() + " after the expression");
    }
    return v;
  }

  // ---- grammar: or > xor > and > shift > additive > multiplicative > unary > primary ----

  private long parseOr() {
    long v = parseXor();
    while (peekOp("|") && !peekOp("||")) {
      pos++;
      v |= parseXor();
    }
    return v;
  }

  private long parseXor() {
    long v = parseAnd();
    while (peekOp("^")) {
      pos++;
      v ^= parseAnd();
    }
    return v;
  }

  private long parseAnd() {
    long v = parseShift();
    while (peekOp("&") && !peekOp("&&")) {
      pos++;
      v &= parseShift();
    }
    return v;
  }

  private long parseShift() {
    long v = parseAdditive();
    while (true) {
      boolean left = peekOp("<<");
      if (!left && !peekOp(">>")) {
        return v;
      }
      pos += 2;
      skipWs();
      int at = pos;
      long n = parseAdditive();
      if (n < 0 || n > 63) {
        throw CtlCodeException.range(at, "shift count " + n + " out of range 0..63");
      }
      v = left ? v << n : v >> n;
    }
  }

  private long parseAdditive() {
    long v = parseMultiplicative();
    while (true) {
      if (peekOp("+")) {
        pos++;
        v += parseMultiplicative();
      } else if (peekOp("-")) {
        pos++;
        v -= parseMultiplicative();
      } else {
        return v;
      }
    }
  }

  private long parseMultiplicative() {
    long v = parseUnary();
    while (true) {
      char op;
      if (peekOp("*")) {
        op = '*';
      } else if (peekOp("/")) {
        op = '/';
      } else if (peekOp("%")) {
        op = '%';
      } else {
        return v;
      }
      pos++;
      skipWs();
      int at = pos;
      long r = parseUnary();
      if (op == '*') {
        v *= r;
      } else if (r == 0) {
        throw CtlCodeException.parse(at, "division by zero");
      } else {
        v = op == '/' ? v / r : v % r;
      }
    }
  }

  private long parseUnary() {
    if (++depth > MAX_DEPTH) {
      throw CtlCodeException.parse(pos, "expression nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return parseUnaryInner();
    } finally {
      depth--;
    }
  }

  private long parseUnaryInner() {
    skipWs();
    if (pos >= src.length()) {
      throw CtlCodeException.parse(pos, "expected an operand, found end of input");
    }
    char c = src.charAt(pos);
    if (c == '-') {
      pos++;
      return -parseUnary();
    }
    if (c == '+') {
      pos++;
      return parseUnary();
    }
    if (c == '~') {
      pos++;
      return ~parseUnary();
    }
    if (c == '(') {
      int typeBits = castAhead();
      if (typeBits != 0) {
        return applyCast(typeBits, parseUnary());
      }
    }
    return parsePrimary();
  }

  private long parsePrimary() {
    skipWs();
    int start = pos;
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      long v = parseOr();
      skipWs();
      expectClose(start, "`(`");
      return v;
    }
    if (isDigit(c)) {
      return parseNumber();
    }
    if (c == '\'') {
      return parseChar();
    }
    if (isIdentStart(c)) {
      String name = identifier();
      if (name.equals("CTL_CODE")) {
        return parseCtlCode(start);
      }
      Long v = symbols.get(name);
      if (v != null) {
        return v;
      }
      OptionalLong builtin = IoctlNames.value(name);
      if (builtin.isPresent()) {
        return builtin.getAsLong();
      }
      throw CtlCodeException.parse(start, "unknown symbol `" + name + "`");
    }
    throw CtlCodeException.parse(start, "expected an operand, found " + describeHere());
  }

  private void expectClose(int openedAt, String what) {
    if (pos < src.length() && src.charAt(pos) == ')') {
      pos++;
      return;
    }
    throw CtlCodeException.parse(pos, "expected `)` to close " + what + " at " + openedAt
        + ", found " + describeHere());
  }

  // ---- CTL_CODE(DeviceType, Function, Method, Access) ----

  private static final String[] ARG_NAMES = {"device type", "function", "method", "access"};
  private static final long[] ARG_MAX = {0xFFFF, 0xFFF, 3, 3};

  private long parseCtlCode(int nameAt) {
    skipWs();
    if (pos >= src.length() || src.charAt(pos) != '(') {
      throw CtlCodeException.parse(pos, "expected `(` after `CTL_CODE`, found " + describeHere());
    }
    int open = pos++;
    long[] args = new long[4];
    for (int i = 0; i < 4; i++) {
      skipWs();
      int argStart = pos;
      args[i] = parseOr();
      int argEnd = pos;
      skipWs();
      if (strict && (args[i] < 0 || args[i] > ARG_MAX[i])) {
        String text = src.substring(argStart, argEnd).strip();
        throw CtlCodeException.range(argStart, ARG_NAMES[i] + " `" + text + "` = " + show(args[i])
            + " out of range 0.." + show(ARG_MAX[i]));
      }
      boolean last = i == 3;
      if (pos < src.length() && src.charAt(pos) == ')' && !last) {
        throw CtlCodeException.parse(pos, "`CTL_CODE` expects 4 arguments, got " + (i + 1));
      }
      if (pos < src.length() && src.charAt(pos) == ',' && last) {
        throw CtlCodeException.parse(pos, "`CTL_CODE` expects 4 arguments, got more");
      }
      if (!last) {
        if (pos >= src.length() || src.charAt(pos) != ',') {
          throw CtlCodeException.parse(pos, "expected `,` or `)` in `CTL_CODE` arguments, found "
              + describeHere());
        }
        pos++;
      }
    }
    expectClose(open, "`CTL_CODE(`");
    // the devioctl.h macro: ((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method)
    long v = (args[0] << 16) | (args[3] << 14) | (args[1] << 2) | args[2];
    return v & 0xFFFF_FFFFL;
  }

  // ---- casts ----

  /**
   * If a cast such as {@code (ULONG)} or {@code (unsigned short)} starts at pos, consumes it and
   * returns its width (positive: unsigned, negative: signed); otherwise leaves pos and returns 0.
   * Only the integer type names listed above are recognised, so {@code (FILE_ANY_ACCESS)} stays a
   * parenthesised symbol.
   */
  private int castAhead() {
    int save = pos;
    pos++; // '('
    boolean unsigned = false;
    int bits = 32;
    int longs = 0;
    int words = 0;
    while (true) {
      skipWs();
      if (pos < src.length() && src.charAt(pos) == ')') {
        break;
      }
      if (pos >= src.length() || !isIdentStart(src.charAt(pos))) {
        pos = save;
        return 0;
      }
      String w = identifier();
      if (!UNSIGNED_WORDS.contains(w) && !SIGNED_WORDS.contains(w)) {
        pos = save;
        return 0;
      }
      words++;
      unsigned |= UNSIGNED_WORDS.contains(w);
      if (w.equals("long")) {
        longs++;
      }
      if (WORDS_8.contains(w)) {
        bits = 8;
      } else if (WORDS_16.contains(w)) {
        bits = 16;
      } else if (WORDS_64.contains(w) || longs == 2) {
        bits = 64;
      }
    }
    if (words == 0) {
      pos = save;
      return 0;
    }
    pos++; // ')'
    return unsigned ? bits : -bits;
  }

  /** {@code typeBits} > 0: unsigned of that width; < 0: signed of that width. */
  private static long applyCast(int typeBits, long v) {
    int bits = Math.abs(typeBits);
    if (bits == 64) {
      return v;
    }
    long mask = (1L << bits) - 1;
    long u = v & mask;
    if (typeBits < 0 && (u & (1L << (bits - 1))) != 0) {
      return u - (1L << bits);
    }
    return u;
  }

  // ---- literals ----

  private long parseNumber() {
    int start = pos;
    while (pos < src.length() && (isIdentPart(src.charAt(pos)))) {
      pos++;
    }
    String tok = src.substring(start, pos);
    String body = tok;
    int end = body.length();
    while (end > 0 && "uUlL".indexOf(body.charAt(end - 1)) >= 0) {
      end--;
    }
    boolean hex = body.length() > 1 && body.charAt(0) == '0'
        && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
    String suffix = body.substring(end);
    String digits = body.substring(0, end);
    if (!validSuffix(suffix)) {
      throw CtlCodeException.parse(start, "invalid integer literal `" + tok + "`");
    }
    int radix = 10;
    if (hex) {
      digits = digits.substring(2);
      radix = 16;
    } else if (digits.length() > 1 && digits.charAt(0) == '0') {
      digits = digits.substring(1);
      radix = 8;
    }
    if (digits.isEmpty()) {
      throw CtlCodeException.parse(start, "invalid integer literal `" + tok + "`");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), radix) < 0) {
        throw CtlCodeException.parse(start, "invalid integer literal `" + tok + "`");
      }
    }
    long v;
    try {
      v = Long.parseUnsignedLong(digits, radix);
    } catch (NumberFormatException ex) {
      v = -1;
    }
    if (v < 0) { // above 2^63-1: no C integer constant we care about is that large
      throw CtlCodeException.range(start, "integer literal `" + tok + "` too large");
    }
    return v;
  }

  private static boolean validSuffix(String s) {
    String l = s.toLowerCase(java.util.Locale.ROOT);
    switch (l) {
      case "": case "u": case "l": case "ul": case "lu": case "ll": case "ull": case "llu":
        // C requires "ll" to be the same case ("lL" is invalid)
        return !(l.contains("ll") && !(s.contains("ll") || s.contains("LL")));
      default:
        return false;
    }
  }

  private long parseChar() {
    int start = pos;
    pos++; // opening quote
    if (pos >= src.length()) {
      throw CtlCodeException.parse(start, "unterminated character literal");
    }
    char c = src.charAt(pos);
    long v;
    if (c == '\'') {
      throw CtlCodeException.parse(start, "empty character literal");
    }
    if (c == '\\') {
      pos++;
      if (pos >= src.length()) {
        throw CtlCodeException.parse(start, "unterminated character literal");
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'n': v = '\n'; break;
        case 't': v = '\t'; break;
        case 'r': v = '\r'; break;
        case 'a': v = 7; break;
        case 'b': v = '\b'; break;
        case 'f': v = '\f'; break;
        case 'v': v = 11; break;
        case '\\': case '\'': case '"': case '?': v = e; break;
        case 'x': {
          int d0 = pos;
          while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
            pos++;
          }
          if (pos == d0 || pos - d0 > 2) {
            throw CtlCodeException.parse(start, "invalid escape in character literal");
          }
          v = Integer.parseInt(src.substring(d0, pos), 16);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int d0 = pos - 1;
            while (pos < src.length() && pos - d0 < 3 && src.charAt(pos) >= '0' && src.charAt(pos) <= '7') {
              pos++;
            }
            v = Integer.parseInt(src.substring(d0, pos), 8) & 0xFF;
          } else {
            throw CtlCodeException.parse(start, "invalid escape `\\" + e + "` in character literal");
          }
      }
    } else {
      if (c > 0x7F || c < 0x20) {
        throw CtlCodeException.parse(start, "unsupported character in character literal");
      }
      v = c;
      pos++;
    }
    if (pos >= src.length() || src.charAt(pos) != '\'') {
      throw CtlCodeException.parse(start, "unterminated or multi-character literal");
    }
    pos++;
    return v;
  }

  // ---- lexical helpers ----

  private boolean peekOp(String op) {
    skipWs();
    return src.startsWith(op, pos);
  }

  private void skipWs() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < src.length() && isIdentPart(src.charAt(pos))) {
      pos++;
    }
    return src.substring(start, pos);
  }

  private String describeHere() {
    if (pos >= src.length()) {
      return "end of input";
    }
    char c = src.charAt(pos);
    if (isIdentPart(c)) {
      int end = pos;
      while (end < src.length() && isIdentPart(src.charAt(end))) {
        end++;
      }
      return "`" + src.substring(pos, end) + "`";
    }
    return "`" + c + "`";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  static String show(long v) {
    return v < 0 ? Long.toString(v) : "0x" + Long.toHexString(v);
  }
}
