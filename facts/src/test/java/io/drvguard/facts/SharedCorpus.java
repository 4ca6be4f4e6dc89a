package io.drvguard.facts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the third-party corpus in {@code ../shared/corpus}. Tests read it in place (it is never
 * copied into the project) and are skipped, not failed, when the folder is absent.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  /** The shared folder: the {@code drvguard.shared} system property, else {@code ../shared} from the checkout. */
  public static Path sharedDir() {
    String prop = System.getProperty("drvguard.shared");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    // surefire runs each module with its own directory as user.dir; walk up to the checkout
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("corpus"))) {
        return candidate;
      }
    }
    return dir.resolveSibling("shared");
  }

  /** A path under {@code shared/corpus}; skips the calling test when it does not exist. */
  public static Path require(String relative) {
    Path p = sharedDir().resolve("corpus").resolve(relative);
    assumeTrue(Files.exists(p), () -> "shared corpus not present: " + p);
    return p;
  }
}
