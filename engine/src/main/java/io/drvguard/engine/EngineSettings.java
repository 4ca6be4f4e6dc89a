package io.drvguard.engine;

import io.drvguard.facts.model.Severity;
import io.drvguard.facts.policy.PolicySettings;
import java.util.Map;

/**
 * Everything that tunes an engine without editing DRL. Severity overrides are keyed by rule id or
 * requirement id; a rule id wins over its requirement. {@code selection} says which check rules
 * report ({@link RuleSelection}).
 */
public record EngineSettings(PolicySettings policy, Map<String, Severity> severityOverrides,
    java.time.Duration ruleTimeBudget, RuleSelection selection) {
  /**
   * How long one check or one decision may run its rules: generous, so that only a rule that
   * loops is ever stopped (normal decisions take microseconds, checks milliseconds).
   */
  public static final java.time.Duration DEFAULT_RULE_TIME_BUDGET = java.time.Duration.ofSeconds(10);
  public static final EngineSettings DEFAULTS = new EngineSettings(PolicySettings.DEFAULTS, Map.of());

  public EngineSettings {
    severityOverrides = Map.copyOf(severityOverrides);
    selection = selection == null ? RuleSelection.ALL : selection;
    if (ruleTimeBudget == null || ruleTimeBudget.isNegative() || ruleTimeBudget.isZero()) {
      throw new IllegalArgumentException("the rule time budget must be above zero, not " + ruleTimeBudget);
    }
  }

  /** Settings in which every rule reports. */
  public EngineSettings(PolicySettings policy, Map<String, Severity> severityOverrides,
      java.time.Duration ruleTimeBudget) {
    this(policy, severityOverrides, ruleTimeBudget, RuleSelection.ALL);
  }

  public EngineSettings(PolicySettings policy, Map<String, Severity> severityOverrides) {
    this(policy, severityOverrides, DEFAULT_RULE_TIME_BUDGET);
  }

  /** The same settings with another rule selection. */
  public EngineSettings withSelection(RuleSelection s) {
    return new EngineSettings(policy, severityOverrides, ruleTimeBudget, s);
  }
}
