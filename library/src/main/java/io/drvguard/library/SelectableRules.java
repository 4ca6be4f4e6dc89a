package io.drvguard.library;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleMetadata;

/**
 * Which ids a rule selection ({@code --only}, {@code --skip}, {@code severity.<id>=off}) may name:
 * a reporting check rule or a requirement. Decision rules always vote and inference rules report
 * nothing, so naming one is an error rather than a selection that silently does nothing.
 */
public final class SelectableRules {
  private SelectableRules() {}

  /** True when {@code id} is a rule or a requirement of {@code rules}. */
  public static boolean known(String id, RuleBase rules) {
    return rules.rules().containsKey(id) || rules.catalog().contains(id);
  }

  /**
   * Checks that {@code id}, named by {@code option}, can be selected.
   *
   * @throws InputException {@code usage_unknown_id} for an id that names nothing, {@code
   *     usage_bad_value} for a decision or inference rule
   */
  public static void check(String option, String id, RuleBase rules) throws InputException {
    if (!known(id, rules)) {
      throw new InputException(option, "usage_unknown_id", "`" + id + "` names no rule and no requirement");
    }
    RuleMetadata r = rules.rules().get(id);
    if (r != null && r.decision()) {
      throw new InputException(option, "usage_bad_value", "`" + id + "` is a decision rule: decisions are not"
          + " selected (a request no rule decides is denied); select check rules or requirements");
    }
    if (r != null && r.inference()) {
      throw new InputException(option, "usage_bad_value", "`" + id + "` is an inference rule: it reports no"
          + " findings, it derives facts the reporting rules match; select the reporting rules or the requirement");
    }
  }
}
