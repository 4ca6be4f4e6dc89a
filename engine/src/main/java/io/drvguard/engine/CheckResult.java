package io.drvguard.engine;

import io.drvguard.facts.model.Violation;
import java.util.List;

/** The findings for one package, sorted by file, line, rule and subject. */
public record CheckResult(String packageName, List<Violation> violations) {
  public CheckResult {
    violations = List.copyOf(violations);
  }
}
