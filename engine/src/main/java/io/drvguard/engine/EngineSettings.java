package io.drvguard.engine;

import io.drvguard.facts.model.Severity;
import io.drvguard.facts.policy.PolicySettings;
import java.util.Map;

/**
 * Everything that tunes an engine without editing DRL. Severity overrides are keyed by rule id or
 * requirement id; a rule id wins over its requirement.
 */
public record EngineSettings(PolicySettings policy, Map<String, Severity> severityOverrides) {
  public static final EngineSettings DEFAULTS = new EngineSettings(PolicySettings.DEFAULTS, Map.of());

  public EngineSettings {
    severityOverrides = Map.copyOf(severityOverrides);
  }
}
