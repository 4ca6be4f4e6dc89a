package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The size limits of what drvguard reads, checked before parsing so that no input can make a run
 * slow or run it out of memory (a 10 MB YAML scalar took 28 s, a 200 MB one never finished):
 *
 * <ul>
 *   <li>a manifest, configuration or waivers file, or any document read whole: {@value
 *       #DOCUMENT_BYTES} bytes (2 MiB; real manifests are a few kilobytes);
 *   <li>a scenario read whole (JSON, properties or XML): {@value #WHOLE_SCENARIO_BYTES} bytes (64 MiB);
 *   <li>a YAML scenario, read one step at a time in bounded memory: {@value #STREAMED_BYTES} bytes
 *       (1 GiB; a scenario of a million steps is about 100 MB);
 *   <li>one line of any YAML or JSON document: {@value #LINE_CHARS} characters (1 Mi), which bounds
 *       the cost of any single value.
 * </ul>
 */
public final class InputLimits {
  public static final long DOCUMENT_BYTES = 2L << 20;
  public static final long WHOLE_SCENARIO_BYTES = 64L << 20;
  public static final long STREAMED_BYTES = 1L << 30;
  public static final int LINE_CHARS = 1 << 20;

  private InputLimits() {}

  /** The byte limit of a {@code kind} document read whole. */
  static long wholeLimit(String kind) {
    return kind.equals("scenario") ? WHOLE_SCENARIO_BYTES : DOCUMENT_BYTES;
  }

  /** Refuses {@code path} when it is larger than {@code limit}, before a byte of it is parsed. */
  static void checkSize(String kind, Path path, long limit) throws InputException {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      return; // reading it will say why it cannot be read
    }
    if (size > limit) {
      throw new InputException(path.toString(), kind + "_too_large", "the file is " + bytes(size)
          + ", over the limit of " + bytes(limit) + " for a " + kind + " (see README, \"Limits\")");
    }
  }

  /** Refuses a line of {@code text} longer than {@link #LINE_CHARS}. */
  static void checkLines(String kind, String file, String text) throws InputException {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > LINE_CHARS) {
          throw lineTooLong(kind, file, line);
        }
        line++;
        start = i + 1;
      }
    }
  }

  static InputException lineTooLong(String kind, String file, int line) {
    return new InputException(file, line, LINE_CHARS + 1, kind + "_line_too_long",
        "the line is longer than " + LINE_CHARS + " characters, the limit of one line (see README, \"Limits\")");
  }

  private static String bytes(long n) {
    return n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0) : n + " bytes";
  }

  /** A reader that fails, naming the line, once a line grows past {@link #LINE_CHARS}. */
  static final class LineLimitReader extends FilterReader {
    private int line = 1;
    private int column;

    LineLimitReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        count(buf[off + i]);
      }
      return n;
    }

    private void count(char c) throws LineTooLong {
      if (c == '\n') {
        line++;
        column = 0;
      } else if (++column > LINE_CHARS) {
        throw new LineTooLong(line);
      }
    }
  }

  /** Thrown through the YAML parser by {@link LineLimitReader}. */
  static final class LineTooLong extends IOException {
    final int line;

    LineTooLong(int line) {
      super("line " + line + " is longer than " + LINE_CHARS + " characters");
      this.line = line;
    }
  }
}
