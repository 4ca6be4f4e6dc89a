package io.drvguard.adapters.inf;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** File helpers over the third-party corpus, which {@link SharedCorpus} locates. */
final class InfCorpus {
  private InfCorpus() {}

  /** A path under {@code shared/corpus}; skips the calling test when it does not exist. */
  static Path require(String relative) {
    return SharedCorpus.require(relative);
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
