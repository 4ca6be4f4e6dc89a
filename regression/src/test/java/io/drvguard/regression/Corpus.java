package io.drvguard.regression;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.engine.Engine;
import io.drvguard.library.verify.PackageCase;
import io.drvguard.library.verify.RuleCoverage;
import io.drvguard.library.verify.StepGuards;
import io.drvguard.source.PackageDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled corpora, read once for the suite: the package cases and scenarios of
 * {@code regression/} and the example scenarios of {@code examples/}, all run by
 * {@link RegressionCorpusTest}, and the rule coverage they give ({@link RuleCoverage}).
 */
final class Corpus {
  static final Path SCENARIOS = Path.of("scenarios");
  static final List<Path> ROOTS = List.of(Path.of("cases"), SCENARIOS, Path.of("..", "examples"));

  private static Corpus loaded;

  final Engine engine;
  final List<PackageCase> cases = new ArrayList<>();
  final List<LoadedScenario> scenarios = new ArrayList<>();
  final RuleCoverage coverage;

  private Corpus() throws Exception {
    engine = Engine.withBundledRules();
    coverage = new RuleCoverage(engine.ruleBase().rules());
    for (Path root : ROOTS) {
      cases.addAll(PackageCase.discover(root, engine.ruleBase().rules()));
      for (Path f : scenarioFiles(root)) {
        LoadedScenario s = new ScenarioReader(new PackageDirectories()).load(f);
        for (Scenario.Step step : s.scenario().steps()) {
          StepGuards.check(step, engine.ruleBase().rules());
          coverage.add(step);
        }
        scenarios.add(s);
      }
    }
    cases.forEach(coverage::add);
  }

  static synchronized Corpus get() throws Exception {
    if (loaded == null) {
      loaded = new Corpus();
    }
    return loaded;
  }

  private static List<Path> scenarioFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".scenario.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
