package io.drvguard.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedding tool passes a package directory, as a CLI user does. */
class PackageReaderDirectoryTest {
  @TempDir Path dir;

  @Test
  void aPackageDirectoryIsReadThroughItsManifest() throws Exception {
    Files.writeString(dir.resolve("drvguard.yaml"), "driver: {name: dirpkg, role: legacy}\n");
    DriverPackage p = new PackageReader().read(dir);
    assertEquals("dirpkg", p.name());
    assertEquals(dir.resolve("drvguard.yaml"), p.manifestFile());
  }

  @Test
  void aDirectoryWithoutAManifestIsAnInputErrorNamingIt() {
    InputException e = assertThrows(InputException.class, () -> new PackageReader().read(dir));
    assertEquals("no_package", e.code());
    assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
  }
}
