package io.drvguard.source;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * A package directory as a scenario names it: driver sources (scanned, with a manifest beside them
 * laid over), or else its manifest. A source directory must hold exactly one driver, so the
 * scenario's device names and IOCTLs refer to one package.
 */
public final class PackageDirectories implements ScenarioReader.DirectoryReader {
  @Override
  public DriverPackage read(Path dir) throws InputException {
    if (SourceScanner.hasSources(dir)) {
      SourceScanner.Result r = new SourceScanner().scan(dir);
      if (!r.errors().isEmpty()) {
        throw r.errors().get(0);
      }
      if (r.drivers().size() == 1) {
        return new SourcePackages().load(r.drivers().get(0), new ArrayList<>());
      }
      if (r.drivers().size() > 1) {
        throw new InputException(dir.toString(), "package_ambiguous", "the directory holds " + r.drivers().size()
            + " drivers (" + String.join(", ", r.drivers().stream().map(ScannedDriver::rel).toList())
            + "); name the directory of one of them");
      }
    }
    Path manifest = ManifestReader.manifestIn(dir);
    if (manifest == null) {
      throw new InputException(dir.toString(), "file_not_found", "the directory holds no manifest ("
          + String.join(", ", ManifestReader.MANIFEST_NAMES) + ") and no driver sources");
    }
    return new PackageReader().read(manifest);
  }
}
