package io.drvguard.adapters.inf;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of an INF into text, or rejects them.
 *
 * <p>Encodings, in the order they are tried:
 *
 * <ol>
 *   <li>a byte order mark: {@code FF FE} UTF-16LE, {@code FE FF} UTF-16BE, {@code EF BB BF} UTF-8
 *       (then the bytes must be valid UTF-8);
 *   <li>UTF-16 without a byte order mark, when at least 80% of the first 256 code units have a zero
 *       high (LE) or low (BE) byte and under 10% the other way round;
 *   <li>UTF-8 without a byte order mark, when the bytes are valid UTF-8 (plain ASCII is);
 *   <li>otherwise windows-1252 (the "ANSI" code page of the samples), which never fails.
 * </ol>
 *
 * <p>Rejected with {@link InfException#ENCODING_ERROR}, naming the file, byte offset and line:
 *
 * <ul>
 *   <li><b>misaligned UTF-16</b>: a UTF-16 file that was converted a second time (git's
 *       {@code eol=crlf} rewriting the 0x0A byte of every {@code 0A 00} into {@code 0D 0A 00}) is
 *       shifted by one byte from the first line break on, so ASCII comes out as code units with a
 *       zero low byte and an ASCII high byte ({@code ;} U+003B becomes U+3B00). The file is rejected
 *       at the first such code unit followed, within 8 code units, by at least 4 such units in all.
 *       Real text in any script almost never has 4 of 8 characters at multiples of U+0100
 *       (U+4E00, U+3000… occur, but not densely), so localized strings are not rejected;
 *   <li>an <b>odd byte count</b> for UTF-16 (reported at the first misaligned unit when there is
 *       one, otherwise at the final byte);
 *   <li><b>malformed code units</b>: an unpaired surrogate in UTF-16, an invalid sequence in a file
 *       that declares UTF-8 with a byte order mark;
 *   <li>a <b>NUL character</b> anywhere after decoding (binary data, or UTF-16 without a byte order
 *       mark that the rule above did not recognise): no INF contains one.
 * </ul>
 *
 * A file with no {@code [section]} header at all is rejected later by the reader
 * ({@link InfException#NO_SECTIONS}).
 */
final class InfDecoder {
  private InfDecoder() {}

  /** Decoded text, without the byte order mark. */
  record Decoded(String text, String encoding) {}

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  static Decoded decode(String file, byte[] b) throws InfException {
    int n = b.length;
    if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return utf16(file, b, 2, StandardCharsets.UTF_16LE, "UTF-16LE");
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return utf16(file, b, 2, StandardCharsets.UTF_16BE, "UTF-16BE");
    }
    if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      long bad = firstMalformedUtf8(b, 3);
      if (bad >= 0) {
        throw new InfException(file, byteLine(b, bad), bad, InfException.ENCODING_ERROR,
            "the file has a utf-8 byte order mark but is not valid utf-8 at byte offset " + bad);
      }
      String text = new String(b, 3, n - 3, StandardCharsets.UTF_8);
      return checkNul(file, b, new Decoded(text, "UTF-8+BOM"), 3);
    }
    int guess = utf16WithoutBom(b);
    if (guess > 0) {
      return utf16(file, b, 0, StandardCharsets.UTF_16LE, "UTF-16LE(no BOM)");
    } else if (guess < 0) {
      return utf16(file, b, 0, StandardCharsets.UTF_16BE, "UTF-16BE(no BOM)");
    }
    if (firstMalformedUtf8(b, 0) < 0) {
      return checkNul(file, b, new Decoded(new String(b, StandardCharsets.UTF_8), "UTF-8"), 0);
    }
    return checkNul(file, b, new Decoded(new String(b, WINDOWS_1252), "windows-1252"), 0);
  }

  private static Decoded utf16(String file, byte[] b, int start, Charset cs, String name) throws InfException {
    int n = b.length - start;
    boolean odd = n % 2 != 0;
    int even = n - (odd ? 1 : 0);
    // lenient decoding keeps one char per code unit (malformed units become U+FFFD), so char i is at byte start + 2i
    String lenient = new String(b, start, even, cs);
    int mis = firstMisaligned(lenient);
    String enc = name.toLowerCase(java.util.Locale.ROOT);
    if (mis >= 0) {
      long off = start + 2L * mis;
      throw new InfException(file, textLine(lenient, mis), off, InfException.ENCODING_ERROR,
          "the file is " + enc + " but its text is misaligned from byte offset " + off + " (line "
              + textLine(lenient, mis) + ")" + (odd ? " and it has an odd byte count (" + b.length + ")" : "")
              + ", as when utf-16 text is converted to utf-16 a second time");
    }
    if (odd) {
      long off = b.length - 1L;
      throw new InfException(file, textLine(lenient, lenient.length()), off, InfException.ENCODING_ERROR,
          "the file is " + enc + " but has an odd byte count (" + b.length + "), the last byte at offset " + off
              + " is half a character");
    }
    CharsetDecoder dec = cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, start, even);
    CharBuffer out = CharBuffer.allocate(even / 2 + 1);
    CoderResult r = dec.decode(in, out, true);
    if (!r.isError()) {
      r = dec.flush(out);
    }
    if (r.isError()) {
      long off = in.position();
      int unit = (int) ((off - start) / 2);
      throw new InfException(file, textLine(lenient, unit), off, InfException.ENCODING_ERROR,
          "the file is not valid " + enc + " at byte offset " + off + ": unpaired surrogate");
    }
    out.flip();
    String text = out.toString();
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      long off = start + 2L * nul;
      throw new InfException(file, textLine(text, nul), off, InfException.ENCODING_ERROR,
          "the file contains a nul character at byte offset " + off);
    }
    return new Decoded(text, name);
  }

  private static Decoded checkNul(String file, byte[] b, Decoded d, int start) throws InfException {
    for (int i = start; i < b.length; i++) {
      if (b[i] == 0) {
        throw new InfException(file, byteLine(b, i), i, InfException.ENCODING_ERROR,
            "the file contains a nul byte at byte offset " + i + " (binary data, or utf-16 text without a byte order mark)");
      }
    }
    return d;
  }

  /** +1 for UTF-16LE, -1 for UTF-16BE, 0 when the bytes do not look like UTF-16 without a BOM. */
  static int utf16WithoutBom(byte[] b) {
    int units = Math.min(b.length / 2, 256);
    if (units < 2) {
      return 0;
    }
    int hiZero = 0;
    int loZero = 0;
    for (int i = 0; i < units; i++) {
      if (b[2 * i] == 0) {
        loZero++;
      }
      if (b[2 * i + 1] == 0) {
        hiZero++;
      }
    }
    if (hiZero * 10 >= units * 8 && loZero * 10 < units) {
      return 1;
    }
    if (loZero * 10 >= units * 8 && hiZero * 10 < units) {
      return -1;
    }
    return 0;
  }

  /** A code unit that is ASCII (tab, CR, LF or printable) shifted into the high byte. */
  static boolean swappedAscii(char c) {
    if ((c & 0xFF) != 0) {
      return false;
    }
    int h = c >> 8;
    return h == 0x09 || h == 0x0A || h == 0x0D || (h >= 0x20 && h <= 0x7E);
  }

  /** Index of the first code unit of a misaligned stretch (4 of 8 units swapped ASCII), or -1. */
  static int firstMisaligned(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (swappedAscii(s.charAt(i))) {
        int count = 0;
        for (int j = i; j < Math.min(n, i + 8); j++) {
          if (swappedAscii(s.charAt(j))) {
            count++;
          }
        }
        if (count >= 4) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Offset of the first invalid UTF-8 sequence at or after {@code start}, or -1 when all is valid. */
  static long firstMalformedUtf8(byte[] b, int start) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
    CharBuffer out = CharBuffer.allocate(4096);
    while (true) {
      CoderResult r = dec.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      r = dec.flush(out);
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      return -1;
    }
  }

  /** 1-based line of char index {@code idx} (CRLF, LF and CR each end a line). */
  static int textLine(CharSequence s, int idx) {
    int line = 1;
    for (int i = 0; i < idx && i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
        line++;
      }
    }
    return line;
  }

  /** 1-based line of byte offset {@code off} in a byte-per-line-break encoding. */
  static int byteLine(byte[] b, long off) {
    int line = 1;
    for (int i = 0; i < off && i < b.length; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }
}
