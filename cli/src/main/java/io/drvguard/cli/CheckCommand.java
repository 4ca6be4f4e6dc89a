package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageLocator;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.inf.InfDiagnostic;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drvguard check PATH...}: static findings. An input that cannot be read is reported
 * (file, line, what is wrong) and the others are still checked; the exit status is then 2.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Report static findings for driver packages: package directories, manifest files, INF files, or directories searched recursively for them.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:an input could not be read (the rest is still checked and reported), bad rules or bad usage"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Package directory, manifest, INF file, or directory to search.")
  List<Path> paths;

  @Mixin OutputOptions output;

  @Mixin EngineOptions engineOptions;

  @Override
  public Integer call() throws Exception {
    Engine engine = engineOptions.engine();
    List<InputException> errors = new ArrayList<>();
    Set<Path> inputs = new LinkedHashSet<>();
    for (Path p : paths) {
      try {
        inputs.addAll(PackageLocator.inputs(p));
      } catch (InputException e) {
        errors.add(e);
      }
    }
    PackageReader reader = new PackageReader();
    List<CheckResult> results = new ArrayList<>();
    List<InfDiagnostic> notes = new ArrayList<>();
    for (Path input : inputs) {
      try {
        results.add(engine.check(reader.read(input, notes)));
      } catch (InputException e) {
        errors.add(e);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    for (InfDiagnostic n : notes) {
      err.println("drvguard: " + n.location() + ": note: " + n.code() + ": " + n.message());
    }
    for (InputException e : errors) {
      err.println("drvguard: " + e.getMessage());
    }
    err.flush();
    Report report = new Report(results, errors, notes, List.of(), List.copyOf(engine.ruleBase().rules().values()));
    output.write(report, spec.commandLine().getOut());
    if (!errors.isEmpty()) {
      return Main.ERROR;
    }
    return report.fails(output.failOn) ? Main.FINDINGS : Main.OK;
  }
}
