package io.drvguard.adapters.inf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the third-party corpus in {@code ../shared/corpus} (the logic of the facts module's
 * test-only {@code SharedCorpus}, which is not on this module's test classpath). Tests read it in
 * place and are skipped, not failed, when it is absent.
 */
final class InfCorpus {
  private InfCorpus() {}

  static Path sharedDir() {
    String prop = System.getProperty("drvguard.shared");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("corpus"))) {
        return candidate;
      }
    }
    return dir.resolveSibling("shared");
  }

  /** A path under {@code shared/corpus}; skips the calling test when it does not exist. */
  static Path require(String relative) {
    Path p = sharedDir().resolve("corpus").resolve(relative);
    assumeTrue(Files.exists(p), () -> "shared corpus not present: " + p);
    return p;
  }

  /** Every regular file under {@code dir}, sorted. */
  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** {@code file} relative to {@code dir}, with {@code /} separators. */
  static String rel(Path dir, Path file) {
    return dir.relativize(file).toString().replace('\\', '/');
  }
}
