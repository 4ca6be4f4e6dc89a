package io.drvguard.adapters;

import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Path;

/** Reads what {@link PackageLocator} found: a manifest (with the INF it names) or a bare INF. */
public final class PackageReader {
  private final ManifestReader manifests = new ManifestReader();

  public DriverPackage read(Path input) throws InputException {
    return manifests.read(input);
  }
}
