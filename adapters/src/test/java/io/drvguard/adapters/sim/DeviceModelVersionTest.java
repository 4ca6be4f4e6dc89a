package io.drvguard.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DeviceModel#version()} changes at a step exactly when the model's state does: the streams
 * module writes a machine's state back only then, so a version that missed a change would lose
 * it, and one that changed without one would only cost time. Every example and regression
 * scenario, each step allowed and then each denied.
 */
class DeviceModelVersionTest {
  static Stream<Path> scenarios() throws Exception {
    try (Stream<Path> a = Files.walk(Path.of("../examples/scenarios"));
        Stream<Path> b = Files.walk(Path.of("../regression/scenarios"))) {
      return Stream.concat(a.toList().stream(), b.toList().stream())
          .filter(p -> p.toString().endsWith(".scenario.yaml")).filter(DeviceModelVersionTest::hasManifestPackage)
          .sorted().toList().stream();
    }
  }

  /**
   * Leaves out the scenarios whose package is a driver source tree: module source reads those
   * (into the same DeviceModel), and this module cannot; ReplayMatchesSimulateTest covers them.
   */
  private static boolean hasManifestPackage(Path scenario) {
    try {
      String line = Files.readAllLines(scenario).stream().filter(l -> l.startsWith("package:")).findFirst().orElse("");
      Path pkg = scenario.getParent().resolve(line.substring(line.indexOf(':') + 1).trim().replace("'", ""));
      if (!Files.isDirectory(pkg)) {
        return true;
      }
      try (Stream<Path> files = Files.list(pkg)) {
        return files.anyMatch(f -> f.getFileName().toString().startsWith("drvguard."));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Function<Request, Decision> deciding(Verdict verdict) {
    return r -> new Decision(r.id(), verdict, verdict == Verdict.ALLOW ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_ACCESS_DENIED,
        verdict == Verdict.ALLOW && r instanceof OpenRequest o ? o.desiredAccess() : 0, "NS-1", "Test", "test", List.of());
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void changesExactlyWhenTheStateDoes(Path file) throws Exception {
    LoadedScenario loaded = new ScenarioReader().load(file);
    Simulation sim = Simulation.of(loaded);
    int changes = 0;
    for (Verdict verdict : List.of(Verdict.ALLOW, Verdict.DENY)) {
      DeviceModel model = sim.newModel();
      for (Step step : loaded.scenario().steps()) {
        DeviceModel.State before = model.snapshot();
        long version = model.version();
        try {
          model.run(step, deciding(verdict));
        } catch (SimulationException e) {
          continue;   // a step the package does not declare decides nothing and changes nothing
        }
        boolean changed = !before.equals(model.snapshot());
        assertEquals(changed, model.version() != version, file + " step " + step.id() + " (" + verdict + ")");
        changes += changed ? 1 : 0;
      }
    }
    assertTrue(changes > 0 || loaded.scenario().steps().stream().noneMatch(s -> s.handle() != null),
        file + ": a scenario that binds handles changes the state somewhere");
  }
}
