package io.drvguard.facts.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for Samba's SDDL data files: one object whose keys are strings and whose values
 * are arrays of small integers (the self-relative descriptor bytes). Nothing else is accepted, so a
 * change of format fails loudly instead of being skipped.
 */
final class MiniJson {
  private final String s;
  private int p;

  private MiniJson(String s) {
    this.s = s;
  }

  static Map<String, List<Integer>> objectOfByteArrays(String json) {
    MiniJson j = new MiniJson(json);
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    j.ws();
    j.expect('{');
    j.ws();
    if (j.peek() == '}') {
      return out;
    }
    while (true) {
      j.ws();
      String key = j.string();
      j.ws();
      j.expect(':');
      j.ws();
      out.put(key, j.intArray());
      j.ws();
      char c = j.next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw new IllegalStateException("expected `,` or `}` at " + (j.p - 1));
      }
    }
  }

  private List<Integer> intArray() {
    expect('[');
    List<Integer> values = new ArrayList<>();
    ws();
    if (peek() == ']') {
      p++;
      return values;
    }
    while (true) {
      ws();
      int start = p;
      while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '-')) {
        p++;
      }
      values.add(Integer.parseInt(s.substring(start, p)));
      ws();
      char c = next();
      if (c == ']') {
        return values;
      }
      if (c != ',') {
        throw new IllegalStateException("expected `,` or `]` at " + (p - 1));
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
          p += 4;
        }
        default -> throw new IllegalStateException("bad escape at " + (p - 1));
      }
    }
  }

  private void ws() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
  }

  private char peek() {
    return s.charAt(p);
  }

  private char next() {
    return s.charAt(p++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalStateException("expected `" + c + "` at " + (p - 1));
    }
  }
}
