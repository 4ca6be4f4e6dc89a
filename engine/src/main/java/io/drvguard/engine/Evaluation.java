package io.drvguard.engine;

import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import java.util.List;

/**
 * Everything a request's evaluation produced: the decision, the violations the deciding rules
 * reported (a hole Windows lets a caller through is allowed and also reported), and, when asked
 * for, the rules that fired with the facts they matched.
 */
public record Evaluation(Decision decision, List<Violation> violations, List<FiredRule> trace)
    implements io.drvguard.facts.request.Decided {
  public Evaluation {
    violations = List.copyOf(violations);
    trace = List.copyOf(trace);
  }
}
