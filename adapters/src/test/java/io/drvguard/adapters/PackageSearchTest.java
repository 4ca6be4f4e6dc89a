package io.drvguard.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 point 8: directory walks end, read each real file once, and lose no readable sibling. */
class PackageSearchTest {
  @TempDir Path dir;

  private static final String MANIFEST = "driver: {name: p, role: legacy}\n";

  @Test
  void aSymlinkLoopEndsWithANoteAndEachRealFileIsReadOnce() throws Exception {
    Path a = Files.createDirectories(dir.resolve("tree/a"));
    Files.writeString(a.resolve("one.inf"), "[Version]\n");
    Files.createSymbolicLink(a.resolve("loop"), dir.resolve("tree"));
    Files.createSymbolicLink(dir.resolve("tree/alias.inf"), a.resolve("one.inf"));
    PackageLocator.Search s = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> PackageLocator.search(dir.resolve("tree")));
    assertEquals(1, s.inputs().size(), s.toString());
    assertTrue(s.skipped().stream().anyMatch(k -> k.code().equals("symlink_loop")), s.toString());
    assertTrue(s.skipped().stream().anyMatch(k -> k.code().equals("duplicate_path")), s.toString());
    assertTrue(s.unreadable().isEmpty(), s.toString());
  }

  @Test
  void anUnreadableDirectoryIsAnErrorForItAloneAndItsSiblingsAreStillFound() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(Files.createDirectories(tree.resolve("a")).resolve("a.inf"), "[Version]\n");
    Path locked = Files.createDirectories(tree.resolve("b"));
    Files.writeString(Files.createDirectories(tree.resolve("c")).resolve("c.inf"), "[Version]\n");
    // root reads a chmod-000 folder, so the refusal is made by the lister, as the file system would
    PackageLocator.Search s = PackageLocator.search(tree, d -> {
      if (d.equals(locked)) {
        throw new AccessDeniedException(d.toString());
      }
      try (Stream<Path> st = Files.list(d)) {
        return st.sorted().toList();
      }
    });
    assertEquals(List.of(tree.resolve("a/a.inf"), tree.resolve("c/c.inf")), s.inputs());
    assertEquals(1, s.unreadable().size());
    assertEquals(locked.toString(), s.unreadable().get(0).file());
    assertTrue(s.unreadable().get(0).getMessage().contains("permission denied"), s.unreadable().get(0).getMessage());
  }

  @Test
  void aSymlinkedDriverInfLeadingOutOfThePackageIsRefused() throws Exception {
    Path outside = Files.writeString(dir.resolve("elsewhere.inf"), "[Version]\n");
    Path pkg = Files.createDirectories(dir.resolve("pkg"));
    Files.createSymbolicLink(pkg.resolve("driver.inf"), outside);
    Path manifest = Files.writeString(pkg.resolve("drvguard.yaml"),
        "driver: {name: p, role: legacy, inf: driver.inf}\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(manifest));
    assertEquals("manifest_bad_value", e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("outside the package directory"), e.getMessage());
    // a link that stays inside the package is fine
    Files.delete(pkg.resolve("driver.inf"));
    Files.writeString(Files.createDirectories(pkg.resolve("inf")).resolve("real.inf"), "[Version]\n");
    Files.createSymbolicLink(pkg.resolve("driver.inf"), pkg.resolve("inf/real.inf"));
    new ManifestReader().read(manifest);
  }

  @Test
  void theOldEntryPointStillStopsAtTheFirstUnreadableDirectory() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("t"));
    Files.writeString(tree.resolve("drvguard.yaml"), MANIFEST);
    try {
      assertEquals(List.of(tree.resolve("drvguard.yaml")), PackageLocator.inputs(tree));
    } catch (InputException e) {
      throw new AssertionError(e);
    }
  }
}
