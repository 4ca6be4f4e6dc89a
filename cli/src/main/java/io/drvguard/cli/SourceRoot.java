package io.drvguard.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory SARIF names {@code %SRCROOT%}: the root of the git work tree that holds the working
 * directory (the folder a CI job checks out), else the working directory. A finding's file under it
 * is written relative to it, so the report is the same whether drvguard was given {@code pkg},
 * {@code ./pkg} or the absolute path, and whichever folder of the checkout it ran from.
 */
record SourceRoot(Path root, Path workingDirectory) {

  /** The SARIF base id. */
  static final String BASE_ID = "%SRCROOT%";

  /** The root for {@code workingDirectory}: the nearest directory upwards that holds {@code .git}, else it. */
  static SourceRoot of(Path workingDirectory) {
    Path wd = workingDirectory.toAbsolutePath().normalize();
    for (Path d = wd; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return new SourceRoot(d, wd);
      }
    }
    return new SourceRoot(wd, wd);
  }

  /** The process's working directory. */
  static SourceRoot current() {
    return of(Path.of(System.getProperty("user.dir", ".")));
  }

  /**
   * {@code file} (as a finding names it: relative to the working directory, or absolute) relative to
   * the root with {@code /} separators; empty when it lies outside the root or is not a path.
   */
  Optional<String> relative(String file) {
    try {
      Path abs = workingDirectory.resolve(file).toAbsolutePath().normalize();
      if (!abs.startsWith(root) || abs.equals(root)) {
        return Optional.empty();
      }
      return Optional.of(root.relativize(abs).toString().replace('\\', '/'));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The root as an absolute {@code file:} URI ending in {@code /}, as SARIF wants a base. */
  String uri() {
    String u = root.toUri().toString();
    return u.endsWith("/") ? u : u + "/";
  }
}
