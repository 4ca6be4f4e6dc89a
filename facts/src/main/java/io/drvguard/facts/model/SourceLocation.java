package io.drvguard.facts.model;

/**
 * Where a fact came from: a file (as the user named it, relative where possible), a 1-based line
 * and a 1-based column; 0 means unknown.
 *
 * @param file the file; null when unknown
 * @param line the 1-based line; 0 when unknown
 * @param column the 1-based column; 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {
  /** A line of {@code file}, column unknown. */
  public static SourceLocation of(String file, int line) {
    return new SourceLocation(file, line, 0);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file == null ? "<unknown>" : file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.toString();
  }
}
