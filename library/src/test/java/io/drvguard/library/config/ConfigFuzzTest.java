package io.drvguard.library.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.RequirementCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration loader's contract under any bytes (issue 12): settings, or an
 * {@link InputException} naming the file; never another exception, never a hang. Seeds in
 * {@code ConfigFuzzTestInputs/}; {@code scripts/fuzz.sh} fuzzes.
 */
class ConfigFuzzTest {
  private static final RequirementCatalog CATALOG = RequirementCatalog.bundled();
  private static final Path FILE;

  static {
    try {
      Path dir = Files.createTempDirectory("drvguard-fuzz");
      dir.toFile().deleteOnExit();
      FILE = dir.resolve("config.yaml");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void load(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      assertNotNull(ConfigLayers.load(List.of(), FILE, ConfigSources.NONE, CATALOG).settings());
    } catch (InputException e) {
      assertEquals(FILE.toString(), e.file(), e.getMessage());
    }
  }
}
