package io.drvguard.cli;

import io.drvguard.library.waivers.Waivers;
import io.drvguard.library.Note;
import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageLocator;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.inf.InfDiagnostic;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.source.SourcePackages;
import io.drvguard.source.SourceScanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    List<InputException> errors = new ArrayList<>();
    Set<Path> inputs = new LinkedHashSet<>();
    List<Note> searchNotes = new ArrayList<>();
    List<InfDiagnostic> infNotes = new ArrayList<>();
    // driver source trees: scanned first, so the manifests and INFs their packages read are not checked twice
    SourcePackages sources = new SourcePackages();
    List<io.drvguard.facts.model.DriverPackage> scanned = new ArrayList<>();
    Set<Path> scannedDirs = new java.util.HashSet<>();
    SourceScanner scanner = new SourceScanner();
    for (Path p : paths) {
      if (SourceScanner.hasSources(p)) {
        try {
          SourceScanner.Result r = scanner.scan(p);
          errors.addAll(r.errors());
          scanned.addAll(sources.loadAll(r, infNotes, errors));
          if (!r.drivers().isEmpty()) {
            scannedDirs.add(p);
          }
        } catch (InputException e) {
          errors.add(e);
        }
      }
    }
    for (Path p : paths) {
      try {
        PackageLocator.Search found;
        try {
          found = PackageLocator.search(p);
        } catch (InputException e) {
          if (scannedDirs.contains(p) && "no_package".equals(e.code())) {
            continue;
          }
          throw e;
        }
        inputs.addAll(found.inputs());
        // one unreadable directory is an error for it alone: its readable siblings are checked
        errors.addAll(found.unreadable());
        for (PackageLocator.Skipped s : found.skipped()) {
          searchNotes.add(new Note(io.drvguard.facts.model.SourceLocation.of(s.path().toString(), 0), s.code(),
              s.message()));
        }
      } catch (InputException e) {
        errors.add(e);
      }
    }
    inputs.removeIf(i -> sources.consumed().contains(i.toAbsolutePath().normalize()));
    PackageReader reader = new PackageReader();
    Waivers.Applied waived = waivers.applied(LocalDate.now());
    // decision rules never report on a package, inference rules never report: SARIF and JUnit
    // describe the reporting check rules only
    List<RuleMetadata> staticRules = engine.ruleBase().rules().values().stream()
        .filter(r -> !r.decision() && !r.inference()).toList();
    Tally tally;
    try (ReportSink sink = output.open(spec.commandLine().getOut(), staticRules, engineOptions.ruleDocs(), false, paths)) {
      try (Progress progress = Progress.of("check", inputs.size() + scanned.size())) {
        for (io.drvguard.facts.model.DriverPackage pkg : scanned) {
          sink.findings(waived.apply(engine.check(pkg)));
          progress.step();
        }
        for (Path input : inputs) {
          try {
            // the package model is dropped once checked: only its findings go on, to the report
            sink.findings(waived.apply(engine.check(reader.read(input, infNotes))));
          } catch (InputException e) {
            errors.add(e);
          }
          progress.step();
        }
      }
      List<Note> notes = new ArrayList<>(searchNotes);
      for (InfDiagnostic n : infNotes) {
        notes.add(new Note(n.location(), n.code(), n.message()));
      }
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
