package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.library.verify.CaseOutcome;
import io.drvguard.library.verify.CaseRunner;
import io.drvguard.library.verify.PackageCase;
import io.drvguard.library.verify.RuleCoverage;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drvguard verify [DIR...]}: runs every case with expectations (package cases with an
 * {@code expected.json}, scenarios with {@code expect}) and fails on any mismatch; then reports
 * rule coverage as {@link RuleCoverage} defines it, warning of each rule without a positive or a
 * negative case ({@code --coverage-threshold 100} makes that a failure).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Run every case with expectations under DIR (default: the bundled regression corpus) and report mismatches.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every expectation held (and coverage reached --coverage-threshold)",
      "1:an expectation failed (each is listed), or coverage is below --coverage-threshold",
      "2:a case or scenario could not be read, bad rules or bad usage"
    })
final class VerifyCommand implements Callable<Integer> {
  /**
   * Set by the launchers to where the bundled corpus lives: the checkout ({@code ./drvguard}) or
   * the unpacked release archive ({@code bin/drvguard}, {@code .cmd}, {@code .ps1}).
   */
  static final String HOME_PROPERTY = "drvguard.home";

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "DIR", description = "Folders searched recursively for cases and scenarios.")
  List<Path> dirs = new ArrayList<>();

  @Mixin EngineOptions engineOptions;

  @picocli.CommandLine.Option(names = "--coverage-threshold", paramLabel = "N",
      description = "Exit 1 when fewer than N%% of the rules have both a positive and a negative case"
          + " (100: every rule must have both).")
  Integer coverageThreshold;

  @Override
  public Integer call() throws Exception {
    if (coverageThreshold != null && (coverageThreshold < 0 || coverageThreshold > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--coverage-threshold is a percentage from 0 to 100, not " + coverageThreshold);
    }
    List<Path> roots = dirs.isEmpty() ? List.of(bundledCorpus()) : dirs;
    Engine engine = engineOptions.engine();
    Map<String, RuleMetadata> rules = engine.ruleBase().rules();
    RuleCoverage coverage = new RuleCoverage(rules);
    List<PackageCase> cases = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        throw new InputException(root.toString(), "file_not_found", "no such directory");
      }
      cases.addAll(PackageCase.discover(root, rules));
    }
    PrintWriter out = spec.commandLine().getOut();
    CaseRunner runner = new CaseRunner(engine);
    int failed = 0;
    int expectations = 0;
    for (PackageCase c : cases) {
      CaseOutcome o = runner.run(c);
      coverage.add(c);
      expectations += Math.max(1, c.expected().size());
      if (!o.passed()) {
        failed++;
        out.println("FAIL " + c.id() + " (" + c.directory() + ")");
        o.problems().forEach(p -> out.println("  " + p));
      }
    }
    List<Path> scenarioFiles = new ArrayList<>();
    for (Path root : roots) {
      try (var s = Files.walk(root)) {
        s.filter(p -> p.getFileName().toString().endsWith(".scenario.yaml")).sorted().forEach(scenarioFiles::add);
      }
    }
    ScenarioRunner scenarios = new ScenarioRunner(engine, false);
    long[] steps = {0, 0};
    int failedSteps = 0;
    for (Path f : scenarioFiles) {
      List<DecisionRecord> failedHere = new ArrayList<>();
      scenarios.run(f, o -> {
        coverage.add(o.step());
        if (o.record().met() != null) {
          steps[0]++;
          if (!o.record().met()) {
            failedHere.add(o.record());
          }
        }
        steps[1]++;
      });
      for (DecisionRecord r : failedHere) {
        out.println("FAIL " + r.location() + ": " + r.scenario() + " step " + r.step() + ": got " + r.decision().verdict().id()
            + " " + r.decision().status().name() + " [" + r.decision().requirement() + " " + r.decision().ruleId() + "]: "
            + String.join("; ", r.mismatches()));
      }
      failedSteps += failedHere.size();
    }
    out.println("verified " + cases.size() + " package case" + (cases.size() == 1 ? "" : "s") + " ("
        + expectations + " expectations) and " + scenarioFiles.size() + " scenario" + (scenarioFiles.size() == 1 ? "" : "s")
        + " (" + steps[1] + " steps, " + steps[0] + " with expectations): "
        + (failed + failedSteps == 0 ? "all held" : failed + " case(s) and " + failedSteps + " step(s) failed"));
    boolean belowThreshold = reportCoverage(out, coverage, rules);
    out.flush();
    return failed + failedSteps == 0 && !belowThreshold ? Main.OK : Main.FINDINGS;
  }

  /**
   * The coverage lines: how many rules have a positive and a negative case, and which lack one.
   * An author testing their own folder cares about their rules; otherwise, about all of them.
   * Returns whether coverage is below {@code --coverage-threshold}.
   */
  private boolean reportCoverage(PrintWriter out, RuleCoverage coverage, Map<String, RuleMetadata> rules) {
    Set<String> external = new TreeSet<>();
    rules.values().stream().filter(r -> !r.source().equals("bundled")).forEach(r -> external.add(r.id()));
    Set<String> scope = external.isEmpty() ? rules.keySet() : external;
    String what = external.isEmpty() ? "rules" : "rules from --rules";
    int needing = coverage.needingCases(scope).size();
    int covered = coverage.covered(scope).size();
    double pct = needing == 0 ? 100.0 : 100.0 * covered / needing;
    int inference = scope.size() - needing;
    out.printf("rule coverage: %d/%d %s have a positive and a negative case (%.1f%%)%s%n", covered, needing, what, pct,
        inference == 0 ? "" : "; " + inference + " inference rule" + (inference == 1 ? " needs" : "s need") + " none");
    Set<String> noPositive = coverage.withoutPositive(scope);
    Set<String> noNegative = coverage.withoutNegative(scope);
    if (!noPositive.isEmpty()) {
      out.println("  warning: no positive case (a non-compliant case expecting it, or a step expecting it to decide): "
          + String.join(", ", noPositive));
    }
    if (!noNegative.isEmpty()) {
      out.println("  warning: no negative case (a case or step that guards it): " + String.join(", ", noNegative));
    }
    boolean below = coverageThreshold != null && pct < coverageThreshold;
    if (below) {
      out.printf("rule coverage %.1f%% is below the threshold of %d%%%n", pct, coverageThreshold);
    }
    return below;
  }

  private static Path bundledCorpus() throws InputException {
    String home = System.getProperty(HOME_PROPERTY);
    Path corpus = home == null ? null : Path.of(home, "regression");
    if (corpus == null || !Files.isDirectory(corpus)) {
      throw new InputException("<bundled corpus>", "no_corpus",
          "no DIR given and the bundled regression corpus was not found; run through a launcher"
              + " (./drvguard in a checkout, bin/drvguard of the release archive) or give DIR");
    }
    return corpus;
  }
}
