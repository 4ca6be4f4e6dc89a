package io.drvguard.adapters;

/**
 * Input drvguard cannot read: a manifest, scenario or configuration file that is missing,
 * unreadable, malformed or of the wrong shape. Rendered {@code file:line:column: code: message}
 * (line and column where the format gives them), in the style of compiler diagnostics.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String code;
  private final String detail;

  public InputException(String file, int line, int column, String code, String detail) {
    super(render(file, line, column, code, detail));
    this.file = file;
    this.line = line;
    this.column = column;
    this.code = code;
    this.detail = detail;
  }

  public InputException(String file, String code, String detail) {
    this(file, 0, 0, code, detail);
  }

  public String file() {
    return file;
  }

  /** 1-based line, 0 when the format gives none. */
  public int line() {
    return line;
  }

  /** 1-based column, 0 when unknown. */
  public int column() {
    return column;
  }

  /** A stable code such as {@code manifest_unknown_key}. */
  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }

  private static String render(String file, int line, int column, String code, String detail) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").append(code).append(": ").append(detail).toString();
  }
}
