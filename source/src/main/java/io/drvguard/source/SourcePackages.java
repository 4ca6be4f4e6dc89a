package io.drvguard.source;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.inf.InfDiagnostic;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Source trees as {@code check} reads them: each driver's inferred package with the manifest
 * beside its sources laid over it ({@link SourceOverlay}) and the INF beside them (or the one the
 * manifest names) read in. The files used that way are {@link #consumed()}, so a directory search
 * does not check them a second time on their own.
 */
public final class SourcePackages {
  private final ManifestReader manifests = new ManifestReader();
  private final PackageReader reader = new PackageReader();
  private final Set<Path> consumed = new LinkedHashSet<>();

  /** The package to check for {@code d}; an unreadable manifest or INF beside it is an input error of that driver. */
  public DriverPackage load(ScannedDriver d, List<InfDiagnostic> notes) throws InputException {
    DriverPackage pkg = d.pkg();
    Path manifest = ManifestReader.manifestIn(d.root());
    if (manifest != null) {
      consumed.add(manifest.toAbsolutePath().normalize());
      pkg = SourceOverlay.apply(pkg, manifests.readOverlay(manifest));
    }
    if (pkg.driver() != null && pkg.driver().inf() != null) {
      consumed.add(d.root().resolve(pkg.driver().inf()).toAbsolutePath().normalize());
      pkg = reader.withInf(pkg, notes);
    }
    return pkg;
  }

  /** Manifests and INFs read as part of a source package (absolute, normalized). */
  public Set<Path> consumed() {
    return consumed;
  }

  /** Loads every driver of {@code result}; those that cannot be loaded go to {@code errors}. */
  public List<DriverPackage> loadAll(SourceScanner.Result result, List<InfDiagnostic> notes,
      List<InputException> errors) {
    List<DriverPackage> out = new ArrayList<>();
    for (ScannedDriver d : result.drivers()) {
      try {
        out.add(load(d, notes));
      } catch (InputException e) {
        errors.add(e);
      }
    }
    return out;
  }
}
