package io.drvguard.cli;

import io.drvguard.engine.CheckResult;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counts a report's summary and the exit status need, kept as findings and decisions go by,
 * so nothing per finding or per decision has to stay in memory for them.
 */
final class Tally {
  private long decisions;
  private long allowed;
  private long passed;
  private long failed;
  private long packages;
  private final Map<Severity, Long> unwaived = new EnumMap<>(Severity.class);

  Tally() {
    for (Severity s : Severity.values()) {
      unwaived.put(s, 0L);
    }
  }

  /** The counts of a report held whole. */
  static Tally of(Report report) {
    Tally t = new Tally();
    for (CheckResult p : report.packages()) {
      p.violations().forEach(t::finding);
      t.endPackage();
    }
    report.decisions().forEach(t::decision);
    return t;
  }

  void decision(DecisionRecord d) {
    decisions++;
    if (d.decision().allowed()) {
      allowed++;
    }
    if (Boolean.TRUE.equals(d.met())) {
      passed++;
    } else if (Boolean.FALSE.equals(d.met())) {
      failed++;
    }
  }

  void finding(Violation v) {
    if (!v.waived()) {
      unwaived.merge(v.severity(), 1L, Long::sum);
    }
  }

  void endPackage() {
    packages++;
  }

  long decisions() {
    return decisions;
  }

  long allowed() {
    return allowed;
  }

  long denied() {
    return decisions - allowed;
  }

  long expectationsPassed() {
    return passed;
  }

  long expectationsFailed() {
    return failed;
  }

  /** Packages reported (for simulate: scenarios that reported findings). */
  long packages() {
    return packages;
  }

  /** Unwaived findings per severity, every severity present, most severe first. */
  Map<Severity, Long> counts() {
    return new EnumMap<>(unwaived);
  }

  /** Exit status 1: a finding at or above the threshold, or a failed expectation. */
  boolean fails(FailOn failOn) {
    return failed > 0 || unwaived.entrySet().stream().anyMatch(e -> e.getValue() > 0 && failOn.fails(e.getKey()));
  }
}
