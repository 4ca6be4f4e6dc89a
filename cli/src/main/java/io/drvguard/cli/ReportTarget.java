package io.drvguard.cli;

import io.drvguard.adapters.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where an {@code --output} report really goes, decided before anything is written, so that the
 * report never destroys what the user gave: the file a symbolic link points to (the link stays a
 * link), never a directory or a device, never one of the inputs, never a file inside a package
 * directory being read. The report is written to {@code partial} beside the target and moved over it
 * once complete.
 */
record ReportTarget(Path target, Path partial) {

  /**
   * @param output the {@code --output} path as given
   * @param inputs the paths the command reads (files or directories)
   * @throws OutputException when the report may not or cannot go there
   */
  static ReportTarget of(Path output, List<Path> inputs) throws OutputException {
    Path target = checked(output, inputs);
    Path parent = target.getParent();
    removeStale(parent, target.getFileName().toString());
    // beside the report, so the final move is a rename; made like the report itself (umask), not 0600
    Path partial = parent.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
    PENDING.add(partial);
    return new ReportTarget(target, partial);
  }

  /** The real file {@code output} names, once it may be written; its directory is created. */
  private static Path checked(Path output, List<Path> inputs) throws OutputException {
    Path target = output.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(output)) {
      if (!Files.exists(output)) {
        throw new OutputException("`" + output + "` is a symbolic link to nothing; give the file it should name");
      }
      try {
        target = output.toRealPath();
      } catch (IOException e) {
        throw new OutputException("cannot follow `" + output + "`: " + reason(e), e);
      }
    }
    if (Files.isDirectory(target)) {
      throw new OutputException("`" + output + "` is a directory; give a file name");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw new OutputException("`" + output + "` is not a regular file (a device or a pipe); give a file"
          + " name, or leave it out to write to standard output");
    }
    refuseInputs(output, target, inputs);
    Path parent = target.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new OutputException("cannot create the directory of `" + output + "`: " + reason(e), e);
    }
    return target;
  }

  /**
   * Partial reports of this process not yet published or deleted: a shutdown hook (which the JVM
   * runs on SIGTERM and SIGINT, not on SIGKILL) removes them, so an interrupted run leaves no
   * temporary file beside the report.
   */
  private static final java.util.Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : PENDING) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // the process is ending; a leftover is removed by the next run (removeStale)
        }
      }
    }, "drvguard-partial-cleanup"));
  }

  /** The partial file is published or deleted: nothing to clean up for it. */
  static void settled(Path partial) {
    PENDING.remove(partial);
  }

  /**
   * Removes {@code .<name>.<pid>.partial} files beside the report left by a run that was killed
   * (its process no longer exists); those of a live process, another run writing the same report
   * now, are left alone.
   */
  private static void removeStale(Path dir, String name) {
    String prefix = "." + name + ".";
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (!n.startsWith(prefix) || !n.endsWith(".partial")) {
          continue;
        }
        String pid = n.substring(prefix.length(), n.length() - ".partial".length());
        if (pid.matches("[0-9]{1,19}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // a leftover we cannot remove or read does no harm: it is never published
    }
  }

  /**
   * Where a {@code --decision-log} (appended to, never replaced) goes: as for a report, never a
   * directory, a device or an input; its directory is created when missing.
   */
  static Path appendTarget(Path log, List<Path> inputs) throws OutputException {
    return checked(log, inputs);
  }

  static java.io.Writer openAppending(Path log, Path target) throws OutputException {
    try {
      return Files.newBufferedWriter(target, java.nio.charset.StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new OutputException("cannot write the decision log `" + log + "`: " + reason(e), e);
    }
  }

  private static void refuseInputs(Path output, Path target, List<Path> inputs) throws OutputException {
    Path real = realOrSelf(target);
    for (Path in : inputs) {
      Path input = realOrSelf(in.toAbsolutePath().normalize());
      if (real.equals(input)) {
        throw new OutputException("`" + output + "` is one of the inputs; the report would overwrite it");
      }
      if (Files.isDirectory(input) && real.startsWith(input)) {
        // a report may go into a directory that is searched, but not into a package directory (its
        // manifest and INF are being read), and it must not be a file the search would read
        Path dir = real.getParent();
        for (Path d = dir; d != null && d.startsWith(input); d = d.getParent()) {
          if (isPackageDirectory(d)) {
            throw new OutputException("`" + output + "` is inside package directory `" + d
                + "`, which is being read; write the report elsewhere");
          }
        }
        String name = real.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (ManifestReader.MANIFEST_NAMES.contains(real.getFileName().toString()) || name.endsWith(".inf")
            || name.endsWith(".inx")) {
          throw new OutputException("`" + output + "` has the name of a file that `" + in
              + "` is searched for, so it would be read as an input; choose another name");
        }
      }
    }
  }

  private static boolean isPackageDirectory(Path dir) {
    for (String m : ManifestReader.MANIFEST_NAMES) {
      if (Files.isRegularFile(dir.resolve(m))) {
        return true;
      }
    }
    return false;
  }

  /** The real path of {@code p}, or of its nearest existing ancestor with the rest appended. */
  private static Path realOrSelf(Path p) {
    Path existing = p;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    try {
      Path real = existing.toRealPath();
      return rest == null ? real : real.resolve(rest);
    } catch (IOException e) {
      return p;
    }
  }

  /** A short reason for an I/O failure, without Java class names. */
  /**
   * Puts the finished report in place: {@code partial} moved over {@code target}, atomically where
   * the file system can, so a reader sees the old report or the new one, never half of one. When
   * the move fails, the partial file goes and the target is left as it was.
   */
  void publish() throws OutputException {
    try {
      try {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw new OutputException("cannot move the finished report over `" + target + "`: " + reason(e)
          + "; `" + target + "` is left as it was", e);
    }
  }

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
