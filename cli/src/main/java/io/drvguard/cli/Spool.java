package io.drvguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Output text that a format places after something still to come (JSON lists violations before
 * decisions, SARIF its invocation before the results, JUnit a suite's counts before its cases):
 * kept in memory while small, in a temporary file beyond {@code memoryBytes}, so a long run holds
 * a bounded amount whatever it writes. Positions ({@link #length()}) are UTF-8 bytes, so a range
 * can be copied from the file without reading what comes before it. {@link #close()} deletes the
 * file.
 */
final class Spool implements AutoCloseable {
  /** What a spool keeps in memory unless told otherwise: 1 MB. */
  static final int DEFAULT_MEMORY_BYTES = 1 << 20;

  private final int memoryBytes;
  private Bytes memory = new Bytes();
  private Path file;
  private OutputStream fileOut;
  private long length;
  /**
   * The first half of a surrogate pair that ended an append (a writer may cut text anywhere): it
   * is encoded with the second half, which the next append starts with.
   */
  private char pendingHigh;

  Spool() {
    this(DEFAULT_MEMORY_BYTES);
  }

  Spool(int memoryBytes) {
    this.memoryBytes = memoryBytes;
  }

  /** Bytes appended so far: the position the next append starts at. */
  long length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0 && pendingHigh == 0;
  }

  void append(CharSequence text) {
    if (text.length() == 0) {
      return;
    }
    StringBuilder sb = new StringBuilder(text.length() + 1);
    if (pendingHigh != 0) {
      sb.append(pendingHigh);
      pendingHigh = 0;
    }
    sb.append(text);
    char last = sb.charAt(sb.length() - 1);
    if (Character.isHighSurrogate(last)) {
      pendingHigh = last;
      sb.setLength(sb.length() - 1);
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    try {
      if (memory != null && memory.size() + bytes.length > memoryBytes) {
        spill();
      }
      (memory != null ? memory : fileOut).write(bytes);
      length += bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A writer that appends to this spool (for writers such as StAX that write to a {@link Writer}). */
  Writer writer() {
    return new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        Spool.this.append(CharBuffer.wrap(buf, off, len));
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
    fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    memory.writeTo(fileOut);
    memory = null;
  }

  /** Everything appended, in order. */
  Reader reader() {
    return reader(0, length);
  }

  /** Bytes {@code from} (inclusive) to {@code to} (exclusive), positions given by {@link #length()}. */
  Reader reader(long from, long to) {
    if (memory != null) {
      return new InputStreamReader(new ByteArrayInputStream(memory.bytes(), (int) from, (int) (to - from)),
          StandardCharsets.UTF_8);
    }
    try {
      fileOut.flush();
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(from);
      InputStream all = Channels.newInputStream(ch);
      InputStream range = new InputStream() {
        private long left = to - from;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = all.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
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
      return new InputStreamReader(new BufferedInputStream(range, 1 << 16), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Copies bytes {@code from} to {@code to} (as text) to {@code out}. */
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

  /** The memory buffer, readable in place. */
  private static final class Bytes extends ByteArrayOutputStream {
    byte[] bytes() {
      return buf;
    }
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
        fileOut.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is not worth failing the report for; deleteOnExit retries
      }
      file = null;
    }
  }
}
