package io.drvguard.cli;

import io.drvguard.adapters.PackageLocator;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.Engine;
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

/** {@code drvguard check PATH...}: static findings for packages, manifests and directories. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Report static findings for driver packages: package directories, manifest files, or directories searched recursively for them.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:bad input, bad rules or bad usage"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Package directory, manifest file, or directory to search.")
  List<Path> paths;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    Set<Path> manifests = new LinkedHashSet<>();
    for (Path p : paths) {
      manifests.addAll(PackageLocator.manifests(p));
    }
    ManifestReader reader = new ManifestReader();
    List<io.drvguard.facts.model.DriverPackage> packages = new ArrayList<>();
    // read every input before checking any, so a bad file fails fast without partial output
    for (Path m : manifests) {
      packages.add(reader.read(m));
    }
    Engine engine = Engine.withBundledRules();
    List<CheckResult> results = new ArrayList<>();
    for (var pkg : packages) {
      results.add(engine.check(pkg));
    }
    Report report = new Report(results);
    output.write(report, spec.commandLine().getOut());
    return report.fails(output.failOn) ? Main.FINDINGS : Main.OK;
  }

}
