package io.drvguard.engine;

import java.util.Set;

/**
 * Which check rules report (conftest's and semgrep's rule selection): {@code only}, when not empty,
 * keeps the findings of the rules and requirements it names; {@code skip} drops those of the rules
 * and requirements it names (configuration {@code severity.<id>=off} adds to it). Ids are rule ids
 * or requirement ids. Decisions are not selected: every decision rule keeps voting, and a request
 * no rule decides is still denied.
 */
public record RuleSelection(Set<String> only, Set<String> skip) {
  public static final RuleSelection ALL = new RuleSelection(Set.of(), Set.of());

  public RuleSelection {
    only = Set.copyOf(only);
    skip = Set.copyOf(skip);
  }

  /** True when a finding of rule {@code ruleId}, which guards {@code requirement}, is reported. */
  public boolean reports(String ruleId, String requirement) {
    if (!only.isEmpty() && !only.contains(ruleId) && !only.contains(requirement)) {
      return false;
    }
    return !skip.contains(ruleId) && !skip.contains(requirement);
  }

  /** This selection with {@code ids} skipped as well. */
  public RuleSelection skipping(Set<String> ids) {
    java.util.Set<String> s = new java.util.LinkedHashSet<>(skip);
    s.addAll(ids);
    return new RuleSelection(only, s);
  }

  /** Every id this selection names. */
  public Set<String> ids() {
    java.util.Set<String> s = new java.util.LinkedHashSet<>(only);
    s.addAll(skip);
    return s;
  }
}
