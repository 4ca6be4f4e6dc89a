package io.drvguard.engine;

/** A rule threw while evaluating a package: a defect in the rule, reported with its id. */
public final class RuleEvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String ruleId;

  public RuleEvaluationException(String ruleId, String packageName, Throwable cause) {
    super("while evaluating rule `" + ruleId + "` on package `" + packageName + "`: "
        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    this.ruleId = ruleId;
  }

  public String ruleId() {
    return ruleId;
  }
}
