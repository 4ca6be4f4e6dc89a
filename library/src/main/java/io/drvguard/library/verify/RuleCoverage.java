package io.drvguard.library.verify;

import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.engine.RuleMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which cases exercise each rule: the one definition of rule coverage, used by
 * {@code drvguard verify} and the regression suite. Like Error Prone's positive and negative cases
 * of a check, a rule is covered when a case names it each way:
 *
 * <ul>
 *   <li>a <b>positive</b> case: a package case whose {@code expected.json} lists a finding with the
 *       rule's {@code ruleId}, or a scenario step whose {@code expect} names it as the deciding
 *       {@code rule};
 *   <li>a <b>negative</b> case: a package case whose {@code expected.json} lists it in
 *       {@code guards}, or a scenario step whose {@code expect} lists it in {@code guards} (a near
 *       miss: the rule's condition just fails to hold).
 * </ul>
 *
 * Coverage is read from what the cases say; running them ({@link CaseRunner},
 * {@code Simulation.mismatches}) is what checks that they say the truth. A rule that fired by
 * chance in a case that does not name it does not count. Inference rules derive facts other rules
 * match and report nothing: they need no case.
 */
public final class RuleCoverage {
  /** What a rule does, which says what kind of case can exercise it. */
  public enum Kind {
    /** Reports findings on a package: exercised by package cases. */
    CHECK,
    /** Votes on a runtime request: exercised by scenario steps. */
    DECISION,
    /** Derives facts for other rules and reports nothing: needs no case. */
    INFERENCE;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind of(RuleMetadata rule) {
      if (rule.decision()) {
        return DECISION;
      }
      return rule.inference() ? INFERENCE : CHECK;
    }
  }

  private final Map<String, RuleMetadata> rules;
  private final Map<String, List<String>> positive = new LinkedHashMap<>();
  private final Map<String, List<String>> negative = new LinkedHashMap<>();

  /** Coverage of {@code rules} (by id), empty until cases are added. */
  public RuleCoverage(Map<String, RuleMetadata> rules) {
    this.rules = rules;
  }

  /** Records what a package case names: the rules it expects to report, the rules it guards. */
  public void add(PackageCase c) {
    for (ExpectedViolation e : c.expected()) {
      if (e.ruleId() != null) {
        record(positive, e.ruleId(), c.id());
      }
    }
    for (String g : c.guards()) {
      record(negative, g, c.id());
    }
  }

  /** Records what a scenario step names: the rule that decides it, the rules it guards. */
  public void add(Scenario.Step step) {
    Scenario.Expectation e = step.expect();
    if (e == null) {
      return;
    }
    String where = step.location() + " " + step.id();
    if (e.rule() != null) {
      record(positive, e.rule(), where);
    }
    for (String g : e.guards()) {
      record(negative, g, where);
    }
  }

  private void record(Map<String, List<String>> into, String ruleId, String where) {
    if (rules.containsKey(ruleId)) {
      into.computeIfAbsent(ruleId, k -> new ArrayList<>()).add(where);
    }
  }

  /** The positive cases of {@code ruleId}: case ids and step locations. */
  public List<String> positives(String ruleId) {
    return List.copyOf(positive.getOrDefault(ruleId, List.of()));
  }

  /** The negative cases of {@code ruleId}. */
  public List<String> negatives(String ruleId) {
    return List.copyOf(negative.getOrDefault(ruleId, List.of()));
  }

  /** The rules among {@code scope} that need cases (every kind but inference), sorted. */
  public Set<String> needingCases(Collection<String> scope) {
    Set<String> out = new TreeSet<>();
    for (String id : scope) {
      RuleMetadata r = rules.get(id);
      if (r != null && Kind.of(r) != Kind.INFERENCE) {
        out.add(id);
      }
    }
    return out;
  }

  /** The rules among {@code scope} that need cases and have no positive one. */
  public Set<String> withoutPositive(Collection<String> scope) {
    Set<String> out = needingCases(scope);
    out.removeIf(positive::containsKey);
    return out;
  }

  /** The rules among {@code scope} that need cases and have no negative one. */
  public Set<String> withoutNegative(Collection<String> scope) {
    Set<String> out = needingCases(scope);
    out.removeIf(negative::containsKey);
    return out;
  }

  /** The rules among {@code scope} that need cases and have both kinds. */
  public Set<String> covered(Collection<String> scope) {
    Set<String> out = needingCases(scope);
    out.removeAll(withoutPositive(scope));
    out.removeAll(withoutNegative(scope));
    return out;
  }
}
