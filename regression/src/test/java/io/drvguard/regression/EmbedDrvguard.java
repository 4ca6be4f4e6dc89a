package io.drvguard.regression;

import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.adapters.sim.Simulation;
import io.drvguard.engine.Engine;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import java.nio.file.Path;

public class EmbedDrvguard {
  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples");

    // Build once: this compiles and validates the rules. The engine is thread-safe;
    // check() and decide() may be called from many threads at once.
    Engine engine = Engine.withBundledRules();

    // Static findings for a package (a manifest, with the INF it names, or a bare INF).
    DriverPackage pkg = new PackageReader().read(examples.resolve("toastbus-vulnerable/drvguard.yaml"));
    for (Violation v : engine.check(pkg).violations()) {
      System.out.println(v.location() + ": " + v.severity().id() + ": [" + v.requirement() + "] " + v.message());
    }

    // Runtime decisions: the device model turns each scenario step into a request for the engine.
    LoadedScenario scenario = new ScenarioReader().load(examples.resolve("scenarios/toastbus.scenario.yaml"));
    Simulation.of(scenario).run(engine::decide).filter(step -> step.decided()).forEach(step -> {
      Decision d = step.decision();
      System.out.println(step.step().id() + ": " + d.verdict().id() + " " + d.status() + " [" + d.requirement()
          + " " + d.ruleId() + "] " + d.reason());
    });
  }
}
