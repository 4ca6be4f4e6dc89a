package io.drvguard.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.adapters.scenario.ScenarioReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The manifest and scenario readers' contract under any bytes (issue 12): a package or scenario,
 * or an {@link InputException} naming the file; never another exception, never a hang. The bytes
 * are written to a file of the reader's own name (YAML), as a user's file would be. Seeds in
 * {@code DocumentFuzzTestInputs/}; {@code scripts/fuzz.sh} fuzzes.
 */
class DocumentFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("drvguard-fuzz");
      DIR.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(String name, byte[] input) {
    try {
      Path p = DIR.resolve(name);
      Files.write(p, input);
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void manifest(byte[] input) {
    Path p = write("drvguard.yaml", input);
    try {
      assertNotNull(new ManifestReader().read(p));
    } catch (InputException e) {
      assertEquals(p.toString(), e.file(), e.getMessage());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void scenario(byte[] input) {
    Path p = write("fuzz.scenario.yaml", input);
    try {
      assertNotNull(new ScenarioReader().read(p));
    } catch (InputException e) {
      // a scenario names its package: an error may be about that file instead
      assertTrue(e.file() != null && !e.file().isEmpty(), e.getMessage());
    }
  }
}
