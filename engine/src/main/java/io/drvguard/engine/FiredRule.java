package io.drvguard.engine;

import java.util.List;

/** One rule firing, for {@code --explain}: the rule and the facts it matched, as text. */
public record FiredRule(String ruleId, String requirement, List<String> matched) {
  public FiredRule {
    matched = List.copyOf(matched);
  }
}
