package io.drvguard.library.verify;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.SourceLocation;
import java.util.Map;

/**
 * The rules a scenario step guards ({@code expect: {guards: [...]}}) must be decision rules of the
 * rule base: a guard naming a rule that does not exist, or one that never votes on a request,
 * would hold whatever the rules did.
 */
public final class StepGuards {
  private StepGuards() {}

  /** Throws, at the step's location, when {@code step} guards a rule that is not a decision rule of {@code rules}. */
  public static void check(Scenario.Step step, Map<String, RuleMetadata> rules) throws InputException {
    if (step.expect() == null) {
      return;
    }
    for (String g : step.expect().guards()) {
      RuleMetadata rule = rules.get(g);
      String problem = rule == null ? "names `" + g + "`, which is no rule (`drvguard rules list` lists them)"
          : RuleCoverage.Kind.of(rule) != RuleCoverage.Kind.DECISION ? "names `" + g + "`, a "
              + RuleCoverage.Kind.of(rule).id() + " rule: a step guards decision rules (a package case guards check"
              + " rules, with `guards` in expected.json)"
          : null;
      if (problem != null) {
        SourceLocation at = step.location();
        throw new InputException(at == null ? "<scenario>" : at.file(), at == null ? 0 : at.line(),
            at == null ? 0 : at.column(), rule == null ? "scenario_unknown_rule" : "scenario_bad_value",
            "step `" + step.id() + "`: `expect.guards` " + problem);
      }
    }
  }
}
