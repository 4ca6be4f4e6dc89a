package io.drvguard.adapters.inf;

/**
 * An INF file drvguard cannot read at all: bytes that do not decode as any encoding an INF may be
 * stored in, text corrupted by a second conversion, or no section. Rendered
 * {@code file[:line]: code: detail} like a compiler diagnostic; the detail is lowercase, has no
 * final period and puts user input in backticks.
 */
public final class InfException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The bytes are not text in any encoding an INF may use, or the text was corrupted in conversion. */
  public static final String ENCODING_ERROR = "inf_encoding_error";
  /** The text holds no {@code [section]} header at all. */
  public static final String NO_SECTIONS = "inf_no_sections";
  /** The file could not be read from disk. */
  public static final String IO_ERROR = "inf_io_error";

  private final String file;
  private final int line;
  private final long byteOffset;
  private final String code;
  private final String detail;

  public InfException(String file, int line, long byteOffset, String code, String detail) {
    super(render(file, line, code, detail));
    this.file = file;
    this.line = line;
    this.byteOffset = byteOffset;
    this.code = code;
    this.detail = detail;
  }

  /** The file as the caller named it. */
  public String file() {
    return file;
  }

  /** 1-based line of the problem, 0 when unknown. */
  public int line() {
    return line;
  }

  /** 0-based byte offset of the problem in the file, -1 when unknown. */
  public long byteOffset() {
    return byteOffset;
  }

  /** A stable code such as {@link #ENCODING_ERROR}. */
  public String code() {
    return code;
  }

  /** The message without the file, line and code prefix. */
  public String detail() {
    return detail;
  }

  private static String render(String file, int line, String code, String detail) {
    StringBuilder sb = new StringBuilder(file == null ? "<unknown>" : file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    return sb.append(": ").append(code).append(": ").append(detail).toString();
  }
}
