package io.drvguard.regression;

import io.drvguard.cli.verify.CaseOutcome;
import io.drvguard.cli.verify.CaseRunner;
import io.drvguard.cli.verify.ExpectedViolation;
import io.drvguard.cli.verify.PackageCase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.engine.Engine;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case under {@code regression/cases}: one dynamic test per case folder. */
class RegressionCorpusTest {
  static final Path CASES = Path.of("cases");
  static Engine engine;
  static List<PackageCase> cases;

  @BeforeAll
  static void load() throws Exception {
    engine = Engine.withBundledRules();
    cases = PackageCase.discover(CASES);
  }

  @TestFactory
  Stream<DynamicTest> everyCaseHoldsItsExpectations() {
    CaseRunner runner = new CaseRunner(engine);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
      CaseOutcome outcome = runner.run(c);
      assertTrue(outcome.passed(), () -> c.id() + ": " + String.join("\n  ", outcome.problems()));
    }));
  }

  @Test
  void everyRequirementWithARuleHasBothKindsOfCase() {
    Set<String> requirements = engine.ruleBase().rules().values().stream()
        .map(RuleMetadata::requirement).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(requirements.isEmpty());
    for (String req : requirements) {
      assertTrue(cases.stream().anyMatch(c -> c.requirement().equals(req) && c.compliant()),
          () -> req + " has no compliant case under regression/cases/" + req + "/compliant");
      assertTrue(cases.stream().anyMatch(c -> c.requirement().equals(req) && !c.compliant()),
          () -> req + " has no non-compliant case under regression/cases/" + req + "/noncompliant");
    }
  }

  @Test
  void everyBundledRuleIsExpectedByANonCompliantCase() {
    Set<String> expected = cases.stream().filter(c -> !c.compliant())
        .flatMap(c -> c.expected().stream()).map(ExpectedViolation::ruleId)
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>(engine.ruleBase().rules().keySet());
    missing.removeAll(expected);
    assertEquals(Set.of(), missing, "bundled rules that no non-compliant case expects by ruleId");
  }

  @Test
  void caseFoldersNameKnownRequirements() {
    for (PackageCase c : cases) {
      assertTrue(RequirementCatalog.bundled().contains(c.requirement()),
          () -> c.directory() + ": `" + c.requirement() + "` is not a requirement ID");
    }
  }
}
