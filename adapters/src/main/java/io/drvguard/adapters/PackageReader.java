package io.drvguard.adapters;

import io.drvguard.adapters.inf.AddRegResolver;
import io.drvguard.adapters.inf.InfDiagnostic;
import io.drvguard.adapters.inf.InfException;
import io.drvguard.adapters.inf.InfFile;
import io.drvguard.adapters.inf.InfReader;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link PackageLocator} found: a manifest together with the INF it names, or a bare
 * INF checked on its own facts (its file name names the package); a package directory is read
 * through its manifest.
 */
public final class PackageReader {
  private final ManifestReader manifests = new ManifestReader();
  private final InfReader infs = new InfReader();

  public DriverPackage read(Path input) throws InputException {
    return read(input, new ArrayList<>());
  }

  /**
   * Reads {@code input}; what the INF reader noticed without failing (an undefined
   * {@code %strkey%}, an AddReg naming a missing section) is added to {@code notes}.
   */
  public DriverPackage read(Path input, List<InfDiagnostic> notes) throws InputException {
    if (java.nio.file.Files.isDirectory(input)) {
      // a package directory: its manifest (embedders pass the directory, as the CLI user does)
      Path manifest = ManifestReader.manifestIn(input);
      if (manifest == null) {
        throw new InputException(input.toString(), "no_package", "the directory holds no package manifest ("
            + String.join(", ", ManifestReader.MANIFEST_NAMES) + ")");
      }
      input = manifest;
    }
    if (PackageLocator.isInf(input)) {
      String name = input.getFileName().toString();
      InfFile file = inf(input, notes);
      return new DriverPackage(name, input.getParent() == null ? Path.of(".") : input.getParent(), null, null,
          List.of(), List.of(), List.of(), null, List.of())
          .withInf(input.toString(), AddRegResolver.resolve(file, name), classGuid(file));
    }
    return withInf(manifests.read(input), notes);
  }

  /**
   * {@code pkg} with the registry values of the INF its driver names (relative to its directory),
   * or {@code pkg} itself when it names none.
   */
  public DriverPackage withInf(DriverPackage pkg, List<InfDiagnostic> notes) throws InputException {
    if (pkg.driver() == null || pkg.driver().inf() == null) {
      return pkg;
    }
    Path inf = pkg.directory().resolve(pkg.driver().inf());
    InfFile file = inf(inf, notes);
    return pkg.withInf(inf.toString(), AddRegResolver.resolve(file, pkg.name()), classGuid(file));
  }

  /** {@code [Version] ClassGuid}: the setup class whose key {@code ClassInstall32} writes, or null. */
  private static String classGuid(InfFile file) {
    return file.section("Version").map(s -> s.firstValue("ClassGuid"))
        .filter(g -> g != null && !g.isBlank()).map(String::trim).orElse(null);
  }

  private InfFile inf(Path inf, List<InfDiagnostic> notes) throws InputException {
    InfFile file;
    try {
      file = infs.read(inf);
    } catch (InfException e) {
      String where = e.line() <= 0 && e.byteOffset() >= 0 ? " (at byte " + e.byteOffset() + ")" : "";
      throw new InputException(e.file(), Math.max(e.line(), 0), 0, e.code(), e.detail() + where);
    }
    notes.addAll(file.diagnostics());
    return file;
  }
}
