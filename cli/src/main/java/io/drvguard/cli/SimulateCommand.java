package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.Engine;
import io.drvguard.facts.model.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drvguard simulate SCENARIO...}: one decision per step, with the requirement and rule
 * that decided it, the holes the requirements close reported as findings, and expectations
 * checked. Steps are read, run and reported one at a time and the counts kept as running totals,
 * so a scenario of any length runs in bounded memory (see {@link ReportStream}).
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run scenarios through the simulated I/O manager and driver: one decision per step.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every expectation held and no finding at or above --fail-on",
      "1:an expectation failed or a finding is at or above --fail-on",
      "2:a scenario or its package could not be read, bad rules or bad usage"
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (*.scenario.yaml).")
  List<Path> scenarios;

  @Mixin OutputOptions output;

  @Mixin EngineOptions engineOptions;

  @Mixin RuleSelectionOptions selection;

  @Option(names = "--explain", description = "Show the rules that fired for each decision and the facts they matched.")
  boolean explain;

  @Option(names = "--decision-log", paramLabel = "FILE",
      description = "Append one JSON line per decision to FILE, flushed as each decision is made.")
  Path decisionLog;

  @Override
  public Integer call() throws Exception {
    Engine engine = engineOptions.engine(selection);
    ScenarioRunner runner = new ScenarioRunner(engine, explain, engineOptions.ruleDocs());
    List<InputException> errors = new ArrayList<>();
    Tally tally;
    Path logTarget = decisionLog == null ? null : ReportTarget.appendTarget(decisionLog, scenarios);
    try (ReportSink sink = output.open(spec.commandLine().getOut(),
            List.copyOf(engine.ruleBase().rules().values()), engineOptions.ruleDocs(), true, scenarios);
        Writer log = logTarget == null ? null : ReportTarget.openAppending(decisionLog, logTarget)) {
      for (Path file : scenarios) {
        // the package of the scenario's findings, once it has any: its findings are one package
        String[] pkg = {null};
        try {
          runner.run(file, o -> {
            sink.decision(o.record());
            for (Violation v : o.violations()) {
              sink.finding(v);
              pkg[0] = v.packageName();
            }
            if (log != null) {
              try {
                log.write(JsonReportWriter.line(o.record()));
                log.write('\n');
                log.flush();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
        } catch (InputException e) {
          errors.add(e);
        }
        if (pkg[0] != null) {
          sink.endPackage(pkg[0]);
        }
      }
      PrintWriter err = spec.commandLine().getErr();
      errors.forEach(e -> err.println("drvguard: " + e.getMessage()));
      err.flush();
      tally = sink.finish(errors, List.of());
    }
    if (!errors.isEmpty()) {
      return Main.ERROR;
    }
    return tally.fails(output.failOn) ? Main.FINDINGS : Main.OK;
  }
}
