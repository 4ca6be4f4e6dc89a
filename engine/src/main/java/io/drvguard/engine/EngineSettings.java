package io.drvguard.engine;

import io.drvguard.facts.model.Severity;
import io.drvguard.facts.policy.PolicySettings;
import java.util.Map;

/**
 * Everything that tunes an engine without editing DRL. Severity overrides are keyed by rule id or
 * requirement id; a rule id wins over its requirement.
 */
public record EngineSettings(PolicySettings policy, Map<String, Severity> severityOverrides,
    java.time.Duration ruleTimeBudget) {
  /**
   * How long one check or one decision may run its rules: generous, so that only a rule that
   * loops is ever stopped (normal decisions take microseconds, checks milliseconds).
   */
  public static final java.time.Duration DEFAULT_RULE_TIME_BUDGET = java.time.Duration.ofSeconds(10);
  public static final EngineSettings DEFAULTS = new EngineSettings(PolicySettings.DEFAULTS, Map.of());

  public EngineSettings {
    severityOverrides = Map.copyOf(severityOverrides);
    if (ruleTimeBudget == null || ruleTimeBudget.isNegative() || ruleTimeBudget.isZero()) {
      throw new IllegalArgumentException("the rule time budget must be above zero, not " + ruleTimeBudget);
    }
  }

  public EngineSettings(PolicySettings policy, Map<String, Severity> severityOverrides) {
    this(policy, severityOverrides, DEFAULT_RULE_TIME_BUDGET);
  }
}
