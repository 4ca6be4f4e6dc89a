package io.drvguard.dist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be checked of a cmd.exe batch file without cmd.exe: the mistakes that make one fail on
 * the first run (a jump to a missing label, a block never closed, an unclosed quote, a variable
 * read that nothing sets, {@code set} leaking into the caller's console without {@code setlocal}).
 */
final class BatchScript {
  /** Variables a launcher may read from its caller's environment or from cmd.exe itself. */
  static final Set<String> ENVIRONMENT = Set.of("JAVA_HOME", "DRVGUARD_JAVA_OPTS", "DRVGUARD_STREAMS_JAVA_OPTS", "ERRORLEVEL", "PATH");
  private static final Pattern LABEL = Pattern.compile("^:([A-Za-z_][A-Za-z0-9_]*)\\s*$");
  private static final Pattern JUMP = Pattern.compile("(?i)\\b(?:goto\\s+:?|call\\s+:)([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern SET = Pattern.compile("(?i)\\bset\\s+\"?([A-Za-z_][A-Za-z0-9_]*)=");
  private static final Pattern DEFINED = Pattern.compile("(?i)\\bdefined\\s+([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern READ = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");

  private BatchScript() {}

  static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    Set<String> labels = new HashSet<>();
    Set<String> set = new HashSet<>(ENVIRONMENT);
    for (String line : lines) {
      Matcher l = LABEL.matcher(line.trim());
      if (l.matches()) {
        labels.add(l.group(1).toLowerCase(Locale.ROOT));
      }
      Matcher s = SET.matcher(line);
      while (s.find()) {
        set.add(s.group(1).toUpperCase(Locale.ROOT));
      }
    }
    int depth = 0;
    int openedAt = 0;
    boolean local = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      int n = i + 1;
      if (line.isEmpty() || isComment(line) || LABEL.matcher(line).matches()) {
        continue;
      }
      if (line.chars().filter(c -> c == '"').count() % 2 != 0) {
        problems.add("line " + n + ": a double quote is not closed");
      }
      String code = code(line);
      if (code.toLowerCase(Locale.ROOT).startsWith("setlocal")) {
        local = true;
      }
      if (SET.matcher(line).find() && !local) {
        problems.add("line " + n + ": `set` before `setlocal` changes the caller's environment");
      }
      Matcher j = JUMP.matcher(code);
      while (j.find()) {
        String target = j.group(1).toLowerCase(Locale.ROOT);
        if (!target.equals("eof") && !labels.contains(target)) {
          problems.add("line " + n + ": jumps to label `" + j.group(1) + "`, which the file does not define");
        }
      }
      String vars = line.replace("%%", "");
      Matcher r = READ.matcher(vars);
      while (r.find()) {
        if (!set.contains(r.group(1).toUpperCase(Locale.ROOT))) {
          problems.add("line " + n + ": reads %" + r.group(1) + "%, which nothing sets");
        }
      }
      Matcher d = DEFINED.matcher(code);
      while (d.find()) {
        if (!set.contains(d.group(1).toUpperCase(Locale.ROOT))) {
          problems.add("line " + n + ": tests `defined " + d.group(1) + "`, which nothing sets");
        }
      }
      for (char c : code.toCharArray()) {
        if (c == '(') {
          if (depth++ == 0) {
            openedAt = n;
          }
        } else if (c == ')' && --depth < 0) {
          problems.add("line " + n + ": `)` closes no block");
          depth = 0;
        }
      }
    }
    if (depth > 0) {
      problems.add("line " + openedAt + ": a block opened with `(` is never closed");
    }
    return problems;
  }

  private static boolean isComment(String line) {
    String l = line.toLowerCase(Locale.ROOT);
    return l.equals("rem") || l.startsWith("rem ") || l.startsWith("::");
  }

  /** The line with its double-quoted parts blanked, so that a bracket in a path is not a block. */
  private static String code(String line) {
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        b.append(c);
      } else {
        b.append(quoted ? ' ' : c);
      }
    }
    return b.toString();
  }
}
