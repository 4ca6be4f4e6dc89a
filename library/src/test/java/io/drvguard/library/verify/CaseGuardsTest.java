package io.drvguard.library.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.request.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cases say about the rules they guard: read, checked against the rules, counted and run. */
class CaseGuardsTest {
  @TempDir Path dir;

  static final Map<String, RuleMetadata> RULES = new LinkedHashMap<>();

  static {
    RULES.put("AttachedObjectNamed", new RuleMetadata("AttachedObjectNamed", "NS-4", Severity.WARNING, "t", "bundled"));
    RULES.put("StorageFdoWithVpbUnnamed",
        new RuleMetadata("StorageFdoWithVpbUnnamed", "NS-4", Severity.WARNING, "t", "bundled"));
    RULES.put("DirectOpenDenied", new RuleMetadata("DirectOpenDenied", "NS-1", null, "t", "bundled", true));
  }

  private Path caseDir(String kind, String name, String expected) throws Exception {
    Path d = dir.resolve("NS-4").resolve(kind).resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), """
        driver: { name: ns4-vpb-named, role: function }
        deviceObjects:
          - { id: diskfdo, kind: fdo, hasVpb: true, name: '\\Device\\Ns4Disk0' }
        """);
    Files.writeString(d.resolve(PackageCase.EXPECTED), expected);
    return d;
  }

  @Test
  void aCompliantCaseGuardsCheckRulesAndCountsAsTheirNegativeCase() throws Exception {
    caseDir("compliant", "vpb-named", """
        {"description": "named, as a storage FDO with a VPB must be",
         "violations": [],
         "guards": ["AttachedObjectNamed", "StorageFdoWithVpbUnnamed"]}
        """);
    caseDir("noncompliant", "fdo-named", """
        {"violations": [{"requirement": "NS-4", "ruleId": "AttachedObjectNamed"}]}
        """);
    List<PackageCase> cases = PackageCase.discover(dir, RULES);
    assertEquals(List.of("AttachedObjectNamed", "StorageFdoWithVpbUnnamed"), cases.get(0).guards());
    RuleCoverage coverage = new RuleCoverage(RULES);
    cases.forEach(coverage::add);
    assertEquals(List.of("NS-4/compliant/vpb-named"), coverage.negatives("AttachedObjectNamed"));
    assertEquals(List.of("NS-4/noncompliant/fdo-named"), coverage.positives("AttachedObjectNamed"));
    assertEquals(java.util.Set.of("AttachedObjectNamed"), coverage.covered(RULES.keySet()));
    assertEquals(java.util.Set.of("StorageFdoWithVpbUnnamed", "DirectOpenDenied"),
        coverage.withoutPositive(RULES.keySet()));
  }

  @Test
  void aGuardNamingNoRuleIsAnInputErrorAtItsLine() throws Exception {
    Path d = caseDir("compliant", "typo", "{\n  \"violations\": [],\n  \"guards\": [\n    \"AttachedObjectNamd\"\n  ]\n}\n");
    InputException e = assertThrows(InputException.class, () -> PackageCase.discover(dir, RULES));
    assertEquals(d.resolve(PackageCase.EXPECTED).toString(), e.file());
    assertEquals(4, e.line());
    assertEquals("case_unknown_rule", e.code());
    assertTrue(e.getMessage().contains("`AttachedObjectNamd`, which is no rule"), e.getMessage());
  }

  @Test
  void aKeyWrittenTwiceIsAnInputErrorAtItsLine() throws Exception {
    Path d = caseDir("compliant", "twice", "{\n  \"guards\": [\"AttachedObjectNamed\"],\n  \"violations\": [],\n"
        + "  \"guards\": [\"StorageFdoWithVpbUnnamed\"]\n}\n");
    InputException e = assertThrows(InputException.class, () -> PackageCase.discover(dir, RULES));
    assertEquals(d.resolve(PackageCase.EXPECTED).toString(), e.file());
    assertEquals(4, e.line());
    assertTrue(e.getMessage().contains("guards"), e.getMessage());
  }

  @Test
  void aPackageCaseCannotGuardADecisionRuleNorGuardWhatItExpects() throws Exception {
    caseDir("compliant", "decision", "{\"violations\": [], \"guards\": [\"DirectOpenDenied\"]}");
    InputException e = assertThrows(InputException.class, () -> PackageCase.discover(dir, RULES));
    assertTrue(e.getMessage().contains("a decision rule: a package case guards check rules"), e.getMessage());

    Files.writeString(dir.resolve("NS-4/compliant/decision").resolve(PackageCase.EXPECTED), "{\"violations\": [], \"guards\": \"x\"}");
    assertTrue(assertThrows(InputException.class, () -> PackageCase.discover(dir, RULES)).getMessage()
        .contains("`guards` is a list of rule ids"));

    Files.writeString(dir.resolve("NS-4/compliant/decision").resolve(PackageCase.EXPECTED), """
        {"violations": [{"requirement": "NS-1", "ruleId": "AttachedObjectNamed"}], "guards": ["AttachedObjectNamed"]}
        """);
    assertTrue(assertThrows(InputException.class, () -> PackageCase.discover(dir, RULES)).getMessage()
        .contains("both expected to report and guarded against"));
  }

  @Test
  void aGuardedRuleThatReportsFailsTheCaseWhateverItsRequirement() throws Exception {
    // NS-4 holds (only an unnamed FDO), but the package has no INF: OBJ-5's PnpPackageWithoutInf reports
    Path d = dir.resolve("NS-4/compliant/guards");
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), """
        driver: { name: ns4-unnamed, role: function }
        deviceObjects:
          - { id: fdo0, kind: fdo }
        """);
    Engine engine = Engine.withBundledRules();
    Files.writeString(d.resolve(PackageCase.EXPECTED), "{\"violations\": [], \"guards\": [\"AttachedObjectNamed\"]}");
    CaseOutcome held = new CaseRunner(engine).run(PackageCase.discover(dir, engine.ruleBase().rules()).get(0));
    assertTrue(held.passed(), held.problems()::toString);

    Files.writeString(d.resolve(PackageCase.EXPECTED), "{\"violations\": [], \"guards\": [\"PnpPackageWithoutInf\"]}");
    CaseOutcome broken = new CaseRunner(engine).run(PackageCase.discover(dir, engine.ruleBase().rules()).get(0));
    assertEquals(1, broken.problems().size(), broken.problems()::toString);
    assertTrue(broken.problems().get(0).startsWith("guards PnpPackageWithoutInf, but PnpPackageWithoutInf reported: OBJ-5"),
        broken.problems()::toString);
  }

  @Test
  void aStepGuardsDecisionRulesOnlyAndCountsAsTheirNegativeCase() throws Exception {
    SourceLocation at = SourceLocation.of("t.scenario.yaml", 7);
    Scenario.Step step = new Scenario.Step("s1", new Scenario.Close("h"), null,
        new Scenario.Expectation(Verdict.ALLOW, null, null, null, List.of("DirectOpenDenied")), at);
    StepGuards.check(step, RULES);
    RuleCoverage coverage = new RuleCoverage(RULES);
    coverage.add(step);
    assertEquals(List.of(at + " s1"), coverage.negatives("DirectOpenDenied"));

    Scenario.Step wrong = new Scenario.Step("s2", new Scenario.Close("h"), null,
        new Scenario.Expectation(null, null, null, null, List.of("AttachedObjectNamed")), at);
    InputException e = assertThrows(InputException.class, () -> StepGuards.check(wrong, RULES));
    assertEquals(7, e.line());
    assertTrue(e.getMessage().contains("a check rule: a step guards decision rules"), e.getMessage());
    Scenario.Step unknown = new Scenario.Step("s3", new Scenario.Close("h"), null,
        new Scenario.Expectation(null, null, null, null, List.of("Nope")), at);
    assertEquals("scenario_unknown_rule", assertThrows(InputException.class, () -> StepGuards.check(unknown, RULES)).code());
  }
}
