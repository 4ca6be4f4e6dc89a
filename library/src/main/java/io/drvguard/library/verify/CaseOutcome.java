package io.drvguard.library.verify;

import java.util.List;

/** The result of running one case: empty {@code problems} means it passed. */
public record CaseOutcome(PackageCase testCase, List<String> problems, List<String> firedRules) {
  public boolean passed() {
    return problems.isEmpty();
  }
}
