package io.drvguard.cli;

import io.drvguard.engine.Engine;
import java.io.PrintWriter;

/**
 * Rules are Java code that runs inside the command (docs/authoring.md, "Rules are code"), and two
 * things a rule can do would otherwise end a run without an honest exit status:
 *
 * <ul>
 *   <li>call {@code System.exit}: a shutdown hook sees that the command did not finish and that the
 *       thread running a rule's consequence is inside {@code Runtime.exit}, names the rule and ends
 *       the process with exit status 2 instead of the status the rule chose;
 *   <li>loop inside its own code past twice the time budget ({@code policy.ruleTimeBudget}), where
 *       the engine cannot stop it: the run ends with exit status 2 naming the rule.
 * </ul>
 *
 * A rule that loops by re-firing is stopped by the engine itself (a rule error for a check, a
 * fail-closed deny for a decision) and the run goes on.
 */
final class RuleGuard {
  private static volatile boolean finished;

  private RuleGuard() {}

  static void install(PrintWriter err) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (finished) {
        return;
      }
      Engine.Firing firing = Engine.ruleFiringNow();
      if (firing != null && inExit(firing.thread())) {
        err.println("drvguard: rule_error: rule `" + firing.rule() + "` called System.exit; a rule must not end the run"
            + " (its findings and decisions are incomplete)");
        err.flush();
        Runtime.getRuntime().halt(Main.ERROR);
      }
    }, "drvguard-rule-guard"));
    Engine.onStuckRule(rule -> {
      err.println("drvguard: rule_error: rule `" + rule + "` is still running at twice the time budget"
          + " (policy.ruleTimeBudget) inside its own code, where it cannot be stopped; the run is ended");
      err.flush();
      Runtime.getRuntime().halt(Main.ERROR);
    });
  }

  /** The command returned: an exit from now on is the command's own. */
  static void finished() {
    finished = true;
  }

  private static boolean inExit(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().equals("java.lang.Runtime") && e.getMethodName().equals("exit")) {
        return true;
      }
    }
    return false;
  }
}
