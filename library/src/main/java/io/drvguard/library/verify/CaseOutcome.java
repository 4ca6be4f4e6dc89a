package io.drvguard.library.verify;

import java.util.List;

/**
 * The result of running one case: empty {@code problems} means it passed. Which rules a case
 * exercises is what it names, not what fired in it (see {@link RuleCoverage}).
 */
public record CaseOutcome(PackageCase testCase, List<String> problems) {
  public boolean passed() {
    return problems.isEmpty();
  }
}
