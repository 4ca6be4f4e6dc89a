package io.drvguard.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a text defines names ({@code #define NAME} at the start of a line, and
 * {@code DEFINE_GUID(NAME, ...)}) by looking at the characters, so that a header is parsed only
 * for the definitions a value needs. Only routing: the definition itself is then parsed by tree-sitter.
 */
final class Definitions {
  private Definitions() {}

  static List<SourceTree.Definition> find(String t) {
    List<SourceTree.Definition> out = new ArrayList<>();
    int n = t.length();
    for (int i = t.indexOf('#'); i >= 0; i = t.indexOf('#', i + 1)) {
      int lineStart = i;
      while (lineStart > 0 && (t.charAt(lineStart - 1) == ' ' || t.charAt(lineStart - 1) == '\t')) {
        lineStart--;
      }
      if (lineStart > 0 && t.charAt(lineStart - 1) != '\n') {
        continue;
      }
      int j = skipBlanks(t, i + 1);
      if (!t.startsWith("define", j)) {
        continue;
      }
      int k = j + "define".length();
      if (k >= n || (t.charAt(k) != ' ' && t.charAt(k) != '\t')) {
        continue;
      }
      k = skipBlanks(t, k);
      int end = k;
      while (end < n && Character.isJavaIdentifierPart(t.charAt(end))) {
        end++;
      }
      if (end > k) {
        out.add(new SourceTree.Definition(t.substring(k, end), i));
      }
    }
    for (int i = t.indexOf("DEFINE_GUID"); i >= 0; i = t.indexOf("DEFINE_GUID", i + 1)) {
      if (i > 0 && Character.isJavaIdentifierPart(t.charAt(i - 1))) {
        continue;
      }
      int j = skipBlanks(t, i + "DEFINE_GUID".length());
      if (j >= n || t.charAt(j) != '(') {
        continue;
      }
      j = skipBlanks(t, j + 1);
      int end = j;
      while (end < n && Character.isJavaIdentifierPart(t.charAt(end))) {
        end++;
      }
      if (end > j) {
        out.add(new SourceTree.Definition(t.substring(j, end), i));
      }
    }
    return out;
  }

  private static int skipBlanks(String t, int i) {
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
