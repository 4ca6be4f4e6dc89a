package io.drvguard.cli;

import io.drvguard.library.waivers.Waivers;
import io.drvguard.library.Note;
import io.drvguard.library.PackageInputs;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RuleMetadata;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * {@code drvguard check PATH...}: static findings. An input that cannot be read is reported
 * (file, line, what is wrong) and the others are still checked; the exit status is then 2. Each
 * package's findings are reported (waivers applied) as soon as it is checked and its model
 * dropped, so a tree of any number of packages is checked in bounded memory.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Report static findings for driver packages: package directories, manifest files, INF files, driver source trees (see `drvguard scan`), or directories searched recursively for them.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:an input could not be read (the rest is still checked and reported), bad rules or bad usage"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Package directory, manifest, INF file, driver source tree, or directory to search.")
  List<Path> paths;

  @Mixin OutputOptions output;

  @Mixin EngineOptions engineOptions;

  @Mixin RuleSelectionOptions selection;

  @Option(names = "--waivers", paramLabel = "FILE",
      description = "Accepted findings (YAML): waived findings stay in the output, marked, and do not affect the exit status.")
  Path waiverFile;

  @Override
  public Integer call() throws Exception {
    Engine engine = engineOptions.engine(selection);
    Waivers waivers = waiverFile == null ? Waivers.NONE : Waivers.read(waiverFile);
    PackageInputs found = PackageInputs.find(paths);
    List<InputException> errors = new ArrayList<>(found.errors());
    Waivers.Applied waived = waivers.applied(LocalDate.now());
    // decision rules never report on a package, inference rules never report: SARIF and JUnit
    // describe the reporting check rules only
    List<RuleMetadata> staticRules = engine.ruleBase().rules().values().stream()
        .filter(r -> !r.decision() && !r.inference()).toList();
    Tally tally;
    try (ReportSink sink = output.open(spec.commandLine().getOut(), staticRules, engineOptions.ruleDocs(), false, paths)) {
      try (Progress progress = Progress.of("check", found.inputs().size())) {
        for (PackageInputs.Input input : found.inputs()) {
          try {
            // the package model is dropped once checked: only its findings go on, to the report
            sink.findings(waived.apply(engine.check(input.read())));
          } catch (InputException e) {
            errors.add(e);
          }
          progress.step();
        }
      }
      List<Note> notes = new ArrayList<>(found.notes());
      notes.addAll(waived.notes());
      PrintWriter err = spec.commandLine().getErr();
      for (Note n : notes) {
        err.println("drvguard: " + n.render());
      }
      for (InputException e : errors) {
        err.println("drvguard: " + e.getMessage());
      }
      err.flush();
      tally = sink.finish(errors, notes);
    }
    if (!errors.isEmpty()) {
      return Main.ERROR;
    }
    return tally.fails(output.failOn) ? Main.FINDINGS : Main.OK;
  }
}
