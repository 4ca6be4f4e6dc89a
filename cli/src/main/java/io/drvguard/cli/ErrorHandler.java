package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleEvaluationException;
import picocli.CommandLine;

/**
 * The one place where failures become exit status 2 and a message: the user sees what is wrong
 * and where, never a stack trace. Unexpected exceptions are reported as internal errors, still
 * without a trace unless {@code DRVGUARD_DEBUG} is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    var err = cl.getErr();
    if (ex instanceof InputException || ex instanceof RuleBaseException) {
      for (String line : ex.getMessage().split("\\R")) {
        err.println("drvguard: " + line);
      }
    } else if (ex instanceof OutputException) {
      err.println("drvguard: output_error: " + ex.getMessage());
    } else if (ex instanceof RuleEvaluationException) {
      err.println("drvguard: rule_error: " + ex.getMessage());
    } else {
      err.println("drvguard: internal_error: " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
      if (System.getenv("DRVGUARD_DEBUG") != null) {
        ex.printStackTrace(err);
      }
    }
    err.flush();
    return Main.ERROR;
  }
}
