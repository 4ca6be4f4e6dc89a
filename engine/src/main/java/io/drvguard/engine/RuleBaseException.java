package io.drvguard.engine;

import java.util.List;

/**
 * The rule base cannot be built: DRL that does not compile or rule metadata that is missing or
 * wrong. Every problem names its file, line and column where Drools or the validator knows them.
 */
public final class RuleBaseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** One problem, rendered {@code file:line:column: code: message}. */
  public record Problem(String file, int line, int column, String code, String message) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      return sb.append(": ").append(code).append(": ").append(message).toString();
    }
  }

  private final transient List<Problem> problems;

  public RuleBaseException(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      if (sb.length() > 0) {
        sb.append(System.lineSeparator());
      }
      sb.append(p);
    }
    return sb.toString();
  }
}
