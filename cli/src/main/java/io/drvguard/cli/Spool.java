package io.drvguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Output text that a format places after something still to come (JSON lists violations before
 * decisions, SARIF its invocation before the results, JUnit a suite's counts before its cases):
 * kept in memory while small, in a temporary file beyond {@code memoryChars}, so a long run holds
 * a bounded amount whatever it writes. The file is UTF-16, two bytes a character, so a range of
 * characters can be copied without reading what comes before it. {@link #close()} deletes it.
 */
final class Spool implements AutoCloseable {
  /** What a spool keeps in memory unless told otherwise: 1 M characters (2 MB). */
  static final int DEFAULT_MEMORY_CHARS = 1 << 20;

  private final int memoryChars;
  private StringBuilder memory = new StringBuilder();
  private Path file;
  private Writer fileWriter;
  private long length;

  Spool() {
    this(DEFAULT_MEMORY_CHARS);
  }

  Spool(int memoryChars) {
    this.memoryChars = memoryChars;
  }

  /** Characters appended so far: the position the next append starts at. */
  long length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  void append(CharSequence text) {
    try {
      if (memory != null && memory.length() + text.length() > memoryChars) {
        spill();
      }
      if (memory != null) {
        memory.append(text);
      } else {
        fileWriter.append(text);
      }
      length += text.length();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A writer that appends to this spool (for writers such as StAX that write to a {@link Writer}). */
  Writer writer() {
    return new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        Spool.this.append(java.nio.CharBuffer.wrap(buf, off, len));
      }

      @Override
      public void write(String s, int off, int len) {
        Spool.this.append(s.subSequence(off, off + len));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private void spill() throws IOException {
    file = Files.createTempFile("drvguard-", ".spool");
    file.toFile().deleteOnExit();
    fileWriter = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_16BE),
        1 << 16);
    fileWriter.append(memory);
    memory = null;
  }

  /** Everything appended, in order. */
  Reader reader() {
    return reader(0, length);
  }

  /** Characters {@code from} (inclusive) to {@code to} (exclusive), positions given by {@link #length()}. */
  Reader reader(long from, long to) {
    if (memory != null) {
      return new StringReader(memory.substring((int) from, (int) to));
    }
    try {
      fileWriter.flush();
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(from * 2);
      Reader all = new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_16BE);
      return new Reader() {
        private long left = to - from;

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = all.read(buf, off, (int) Math.min(len, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          all.close();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Copies characters {@code from} to {@code to} to {@code out}. */
  void copyTo(Writer out, long from, long to) {
    char[] buf = new char[8192];
    try (Reader r = reader(from, to)) {
      for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void copyTo(Writer out) {
    copyTo(out, 0, length);
  }

  /**
   * Writes the JSON values appended one after another (one a line) into {@code gen}, token by
   * token, so they take its indentation without being held as trees.
   */
  static void copyJson(Spool spool, JsonGenerator gen) throws IOException {
    try (JsonParser p = COPY.createParser(spool.reader())) {
      while (p.nextToken() != null) {
        gen.copyCurrentStructure(p);
      }
    }
  }

  private static final JsonFactory COPY = new JsonFactory();

  @Override
  public void close() {
    memory = null;
    if (file != null) {
      try {
        fileWriter.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is not worth failing the report for; deleteOnExit retries
      }
      file = null;
    }
  }
}
