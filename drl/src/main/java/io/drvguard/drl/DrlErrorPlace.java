package io.drvguard.drl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in a DRL file's text, the expression a compile error is about. Drools' classic compiler
 * places an unknown field or method in a constraint at the first line of its pattern, a type
 * mismatch in a constraint nowhere, and any error in a consequence at the rule header; an author
 * wants the line (and column) of the expression. A constraint is found again by the text Drools
 * quotes; a consequence error by the Java the executable model generated from the consequence
 * (see {@link GeneratedError}), compared without whitespace, since that Java is the consequence
 * pretty-printed and with some calls rewritten.
 */
final class DrlErrorPlace {
  private static final Pattern ANALYSE = Pattern.compile("^Unable to Analyse Expression (.+?):?\\s*$", Pattern.MULTILINE);
  // MVEL's own position, relative to the expression it was handed rather than to the file
  private static final Pattern MVEL_POSITION = Pattern.compile("\\s*\\^?\\s*\\[Line: \\d+, Column: \\d+]\\s*$");
  private static final Pattern NEAR = Pattern.compile("\\[Near : \\{\\.\\.\\. (.+?) \\.\\.\\.\\.}]");
  static final String CONSEQUENCE = "Rule Compilation error";
  private static final Pattern THEN = Pattern.compile("\\bthen\\b");
  private static final Pattern END = Pattern.compile("(?m)^\\s*end\\b");
  private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*rule\\b");

  /** A 1-based line and column; column 0 when unknown. */
  record Place(int line, int column) {}

  /**
   * An error javac reported in the Java the executable model generated: its message, the
   * generated line and the index in it of the code at fault.
   */
  record GeneratedError(String message, String line, int index) {
    /** The errors of one executable-model build: each carries its offset into the source it names. */
    static List<GeneratedError> of(List<org.kie.api.builder.Message> messages) {
      List<GeneratedError> out = new ArrayList<>();
      for (org.kie.api.builder.Message m : messages) {
        String path = m.getPath();
        if (path == null || !path.endsWith(".java") || m.getLine() <= 0) {
          continue;
        }
        String source = sourceOf(path, messages);
        int at = m.getColumn();
        if (source == null || at < 0 || at >= source.length()) {
          continue;
        }
        int start = source.lastIndexOf('\n', at - 1) + 1;
        int end = source.indexOf('\n', at);
        out.add(new GeneratedError(m.getText().trim(), source.substring(start, end < 0 ? source.length() : end),
            at - start));
      }
      return out;
    }

    /** The Java source the builder lists for {@code path} in a message of its own. */
    private static String sourceOf(String path, List<org.kie.api.builder.Message> messages) {
      String head = "Java source of " + path + " in error:";
      for (org.kie.api.builder.Message m : messages) {
        String text = m.getText();
        if (text != null && text.startsWith(head)) {
          int nl = text.indexOf('\n');
          return nl < 0 ? null : text.substring(nl + 1);
        }
      }
      return null;
    }
  }

  private final String text;

  DrlErrorPlace(String text) {
    this.text = text;
  }

  /**
   * The text with every rule but those whose header is on one of {@code ruleLines} blanked out,
   * line breaks kept so that lines stay where they were; declarations, functions and imports stay.
   */
  String onlyRulesAt(Set<Integer> ruleLines) {
    StringBuilder out = new StringBuilder(text);
    Matcher rule = RULE.matcher(text);
    Matcher end = END.matcher(text);
    int from = 0;
    while (rule.find(from)) {
      int stop = end.find(rule.end()) ? end.end() : text.length();
      if (!ruleLines.contains(placeOf(rule.start()).line())) {
        for (int i = rule.start(); i < stop; i++) {
          if (out.charAt(i) != '\n' && out.charAt(i) != '\r') {
            out.setCharAt(i, ' ');
          }
        }
      }
      from = stop;
    }
    return out.toString();
  }

  /** {@code message} without the position MVEL appends, which misleads once the error is placed. */
  static String withoutMvelPosition(String message) {
    return MVEL_POSITION.matcher(message).replaceFirst("");
  }

  /** The fragment of DRL a classic "Unable to Analyse Expression" message quotes, or null. */
  static String quotedExpression(String message) {
    Matcher m = ANALYSE.matcher(message);
    if (m.find()) {
      return m.group(1).trim();
    }
    m = NEAR.matcher(message);
    return m.find() ? m.group(1).trim() : null;
  }

  /**
   * Where {@code expression} stands, searching from the start of {@code line} (the pattern's first
   * line; 0 when Drools gave none, then from the top of the file); null when it is not there.
   * Whitespace inside the expression may differ from the DRL's.
   */
  Place constraint(String expression, int line) {
    String squeezed = expression.replaceAll("\\s+", "");
    if (squeezed.isEmpty()) {
      return null;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < squeezed.length(); i++) {
      if (i > 0) {
        regex.append("\\s*");
      }
      regex.append(Pattern.quote(String.valueOf(squeezed.charAt(i))));
    }
    Matcher m = Pattern.compile(regex.toString()).matcher(text);
    return m.find(Math.max(0, offsetOf(line))) ? placeOf(m.start()) : null;
  }

  /**
   * Where the code {@code error} is about stands in the consequence of the rule whose header is on
   * {@code ruleLine}, with how well the surrounding code matched (higher is better); null when the
   * code at fault is not found there.
   */
  Scored consequence(int ruleLine, GeneratedError error) {
    int from = offsetOf(ruleLine);
    if (from < 0) {
      return null;
    }
    Matcher then = THEN.matcher(text);
    if (!then.find(from)) {
      return null;
    }
    Matcher end = END.matcher(text);
    int to = end.find(then.end()) ? end.start() : text.length();
    Squeezed body = Squeezed.of(text, then.end(), to);
    String after = error.line().substring(error.index()).replaceAll("\\s+", "");
    String before = error.line().substring(0, error.index()).replaceAll("\\s+", "");
    int token = tokenLength(after);
    int bestScore = -1;
    int bestAt = -1;
    for (int p = 0; p < body.chars.length(); p++) {
      int ahead = commonPrefix(body.chars, p, after);
      if (ahead < token) {
        continue;
      }
      int score = ahead + commonSuffix(body.chars, p, before);
      if (score > bestScore) {
        bestScore = score;
        bestAt = p;
      }
    }
    return bestAt < 0 ? null : new Scored(placeOf(body.offsets[bestAt]), bestScore);
  }

  /** A place with the length of DRL text that matched around it. */
  record Scored(Place place, int score) {}

  /** Text without whitespace, each character remembering its offset in the original. */
  private record Squeezed(String chars, int[] offsets) {
    static Squeezed of(String text, int from, int to) {
      StringBuilder sb = new StringBuilder();
      int[] offsets = new int[to - from];
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (!Character.isWhitespace(c)) {
          offsets[sb.length()] = i;
          sb.append(c);
        }
      }
      return new Squeezed(sb.toString(), offsets);
    }
  }

  /** The identifier (or the single character) that starts {@code code}: what must match at least. */
  private static int tokenLength(String code) {
    if (code.isEmpty()) {
      return 1;
    }
    int n = 0;
    while (n < code.length() && Character.isJavaIdentifierPart(code.charAt(n))) {
      n++;
    }
    return Math.max(1, n);
  }

  private static int commonPrefix(String s, int at, String prefix) {
    int n = 0;
    while (at + n < s.length() && n < prefix.length() && s.charAt(at + n) == prefix.charAt(n)) {
      n++;
    }
    return n;
  }

  private static int commonSuffix(String s, int before, String suffix) {
    int n = 0;
    while (before - n - 1 >= 0 && n < suffix.length()
        && s.charAt(before - n - 1) == suffix.charAt(suffix.length() - n - 1)) {
      n++;
    }
    return n;
  }

  /** The offset at which 1-based {@code line} starts; 0 for line 0 or less, -1 past the end. */
  private int offsetOf(int line) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      offset = text.indexOf('\n', offset);
      if (offset < 0) {
        return -1;
      }
      offset++;
    }
    return offset;
  }

  private Place placeOf(int offset) {
    int line = 1;
    int start = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        start = i + 1;
      }
    }
    return new Place(line, offset - start + 1);
  }
}
