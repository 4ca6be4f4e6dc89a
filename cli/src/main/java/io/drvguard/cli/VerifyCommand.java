package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.library.verify.CaseOutcome;
import io.drvguard.library.verify.CaseRunner;
import io.drvguard.library.verify.PackageCase;
import io.drvguard.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drvguard verify [DIR...]}: runs every case with expectations (package cases with an
 * {@code expected.json}, scenarios with {@code expect}) and fails on any mismatch.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Run every case with expectations under DIR (default: the bundled regression corpus) and report mismatches.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every expectation held",
      "1:an expectation failed (each is listed)",
      "2:a case or scenario could not be read, bad rules or bad usage"
    })
final class VerifyCommand implements Callable<Integer> {
  /** Set by the {@code ./drvguard} launcher to the checkout, where the bundled corpus lives. */
  static final String HOME_PROPERTY = "drvguard.home";

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "DIR", description = "Folders searched recursively for cases and scenarios.")
  List<Path> dirs = new ArrayList<>();

  @Mixin EngineOptions engineOptions;

  @picocli.CommandLine.Option(names = "--coverage-threshold", paramLabel = "N",
      description = "Exit 1 when fewer than N% of the rules fired in at least one case or scenario step.")
  Integer coverageThreshold;

  @Override
  public Integer call() throws Exception {
    if (coverageThreshold != null && (coverageThreshold < 0 || coverageThreshold > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--coverage-threshold is a percentage from 0 to 100, not " + coverageThreshold);
    }
    List<Path> roots = dirs.isEmpty() ? List.of(bundledCorpus()) : dirs;
    Engine engine = engineOptions.engine();
    List<PackageCase> cases = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        throw new InputException(root.toString(), "file_not_found", "no such directory");
      }
      cases.addAll(PackageCase.discover(root));
    }
    PrintWriter out = spec.commandLine().getOut();
    CaseRunner runner = new CaseRunner(engine);
    int failed = 0;
    int expectations = 0;
    java.util.Set<String> fired = new java.util.TreeSet<>();
    for (PackageCase c : cases) {
      CaseOutcome o = runner.run(c);
      fired.addAll(o.firedRules());
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
        fired.addAll(o.record().decision().votes());
        o.violations().forEach(v -> fired.add(v.ruleId()));
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
    // an author testing their own folder cares about their rules; otherwise, about all of them
    java.util.Set<String> external = new java.util.TreeSet<>();
    engine.ruleBase().rules().values().stream().filter(r -> !r.source().equals("bundled"))
        .forEach(r -> external.add(r.id()));
    java.util.Set<String> all = external.isEmpty() ? engine.ruleBase().rules().keySet() : external;
    String scope = external.isEmpty() ? "rules" : "rules from --rules";
    java.util.Set<String> unfired = new java.util.TreeSet<>(all);
    unfired.removeAll(fired);
    long covered = all.size() - unfired.size();
    double pct = all.isEmpty() ? 100.0 : 100.0 * covered / all.size();
    out.printf("rule coverage: %d/%d %s fired in at least one case (%.1f%%)%n", covered, all.size(), scope, pct);
    if (!unfired.isEmpty()) {
      out.println("  never fired: " + String.join(", ", unfired));
    }
    boolean belowThreshold = coverageThreshold != null && pct < coverageThreshold;
    if (belowThreshold) {
      out.printf("rule coverage %.1f%% is below the threshold of %d%%%n", pct, coverageThreshold);
    }
    out.flush();
    return failed + failedSteps == 0 && !belowThreshold ? Main.OK : Main.FINDINGS;
  }

  private static Path bundledCorpus() throws InputException {
    String home = System.getProperty(HOME_PROPERTY);
    Path corpus = home == null ? null : Path.of(home, "regression");
    if (corpus == null || !Files.isDirectory(corpus)) {
      throw new InputException("<bundled corpus>", "no_corpus",
          "no DIR given and the bundled regression corpus was not found; run through ./drvguard or give DIR");
    }
    return corpus;
  }
}
