package io.drvguard.dist;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be checked of a PowerShell script without PowerShell: a lexer for its strings, comments
 * and brackets (an unclosed string or block, a bracket closed by the wrong kind), variables read
 * that the script never assigns, and assignments to PowerShell's own automatic variables (writing
 * {@code $home} or {@code $args} is refused or silently ignored at run time).
 */
final class PowerShellScript {
  static final Set<String> AUTOMATIC = Set.of("args", "psscriptroot", "lastexitcode", "_", "null", "true", "false",
      "home", "input", "pscommandpath", "pwd", "host", "error", "erroractionpreference", "iswindows");
  private static final Set<String> READ_ONLY = Set.of("args", "psscriptroot", "lastexitcode", "_", "null", "true", "false",
      "home", "input", "pscommandpath", "pwd", "host", "iswindows");
  private static final Pattern VARIABLE = Pattern.compile("[$@]([A-Za-z_][A-Za-z0-9_]*)(:)?");
  private static final Pattern ASSIGNED = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)|foreach\\s*\\(\\s*\\$([A-Za-z_][A-Za-z0-9_]*)\\s+in\\b",
      Pattern.CASE_INSENSITIVE);

  private PowerShellScript() {}

  static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    StringBuilder code = new StringBuilder();   // code and expandable strings; literals and comments blanked
    Deque<int[]> brackets = new ArrayDeque<>();
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '<' && text.startsWith("<#", i)) {
        int end = text.indexOf("#>", i + 2);
        if (end < 0) {
          problems.add("line " + line + ": a block comment is not closed");
          break;
        }
        line += count(text.substring(i, end), '\n');
        i = end + 2;
        continue;
      }
      if (c == '\'' || c == '"') {
        int start = line;
        int j = i + 1;
        boolean closed = false;
        while (j < text.length()) {
          char d = text.charAt(j);
          if (d == '\n') {
            line++;
          }
          if (c == '"' && d == '`') {
            j += 2;
            continue;
          }
          if (d == c) {
            if (j + 1 < text.length() && text.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          j++;
        }
        if (!closed) {
          problems.add("line " + start + ": a " + (c == '"' ? "double" : "single") + "-quoted string is not closed");
          break;
        }
        if (c == '"') {
          code.append(' ').append(text, i + 1, j).append(' ');
        }
        i = j + 1;
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        brackets.push(new int[] {c, line});
      } else if (c == ')' || c == '}' || c == ']') {
        char open = c == ')' ? '(' : c == '}' ? '{' : '[';
        if (brackets.isEmpty()) {
          problems.add("line " + line + ": `" + c + "` closes nothing");
        } else if (brackets.peek()[0] != open) {
          problems.add("line " + line + ": `" + c + "` closes `" + (char) brackets.peek()[0] + "` opened at line " + brackets.peek()[1]);
          brackets.pop();
        } else {
          brackets.pop();
        }
      }
      code.append(c);
      i++;
    }
    for (int[] b : brackets) {
      problems.add("line " + b[1] + ": `" + (char) b[0] + "` is never closed");
    }
    String body = code.toString();
    Set<String> assigned = new HashSet<>();
    Matcher a = ASSIGNED.matcher(body);
    while (a.find()) {
      String name = (a.group(1) != null ? a.group(1) : a.group(2));
      assigned.add(name.toLowerCase(Locale.ROOT));
      if (READ_ONLY.contains(name.toLowerCase(Locale.ROOT))) {
        problems.add("assigns to PowerShell's automatic variable $" + name);
      }
    }
    Matcher v = VARIABLE.matcher(body);
    while (v.find()) {
      String name = v.group(1).toLowerCase(Locale.ROOT);
      boolean scoped = v.group(2) != null;   // $env:NAME and the like
      if (!scoped && !assigned.contains(name) && !AUTOMATIC.contains(name) && v.group().startsWith("$")) {
        problems.add("reads $" + v.group(1) + ", which the script never assigns");
      }
    }
    return problems;
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }
}
