package io.drvguard.adapters;

import io.drvguard.adapters.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the inputs a command-line path names: a manifest or INF file itself, a package directory
 * (its manifest; the manifest names its INF), or a directory searched recursively (in name order,
 * so output is stable) for package directories and for INF files outside them, each checked on
 * its own.
 */
public final class PackageLocator {
  private PackageLocator() {}

  public static List<Path> inputs(Path input) throws InputException {
    Search search = search(input);
    if (!search.unreadable().isEmpty()) {
      throw search.unreadable().get(0);
    }
    return search.inputs();
  }

  /**
   * What a search of {@code input} found: the inputs (each real file once, however many links lead
   * to it), the directories that could not be listed (their readable siblings are still searched),
   * and the links skipped because they lead back into a directory already on the way (a loop) or
   * to a file already found.
   */
  public record Search(List<Path> inputs, List<InputException> unreadable, List<Skipped> skipped) {}

  /** A path the search did not follow, and why ({@code symlink_loop}, {@code duplicate_path}). */
  public record Skipped(Path path, String code, String message) {}

  /**
   * Searches {@code input} like {@link #inputs(Path)}, but reports what it could not read instead of
   * stopping at it.
   *
   * @throws InputException when {@code input} itself does not exist, cannot be read, or holds nothing
   */
  public static Search search(Path input) throws InputException {
    return search(input, PackageLocator::list);
  }

  /** Lists a directory's entries; tests give one that fails where a real file system cannot be made to. */
  interface Lister {
    List<Path> list(Path dir) throws IOException;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static Search search(Path input, Lister lister) throws InputException {
    if (!Files.exists(input)) {
      throw new InputException(input.toString(), "file_not_found", "no such file or directory");
    }
    if (Files.isRegularFile(input)) {
      if (!Files.isReadable(input)) {
        throw new InputException(input.toString(), "file_unreadable", "permission denied");
      }
      return new Search(List.of(input), List.of(), List.of());
    }
    Walk w = new Walk(lister);
    w.collect(input, new java.util.ArrayDeque<>());
    if (w.out.isEmpty() && w.unreadable.isEmpty()) {
      throw new InputException(input.toString(), "no_package",
          "no package manifest (" + String.join(", ", ManifestReader.MANIFEST_NAMES)
              + ") or INF file found in this directory or below");
    }
    return new Search(List.copyOf(w.out), List.copyOf(w.unreadable), List.copyOf(w.skipped));
  }

  /** INF files and the {@code .inx} templates the driver samples build them from, in any case. */
  public static boolean isInf(Path file) {
    String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".inf") || n.endsWith(".inx");
  }

  /** One directory walk: links are followed, but never twice into one directory on the way down. */
  private static final class Walk {
    final List<Path> out = new ArrayList<>();
    final List<InputException> unreadable = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();
    final java.util.Set<Path> files = new java.util.HashSet<>();
    final Lister lister;

    Walk(Lister lister) {
      this.lister = lister;
    }

    void collect(Path dir, java.util.Deque<Path> onTheWay) {
      Path real;
      try {
        real = dir.toRealPath();
      } catch (IOException e) {
        unreadable.add(new InputException(dir.toString(), "file_unreadable", "cannot resolve directory: " + e.getMessage()));
        return;
      }
      if (onTheWay.contains(real)) {
        skipped.add(new Skipped(dir, "symlink_loop", "symbolic link loop: `" + dir + "` leads back to `" + real
            + "`, already being searched; not followed"));
        return;
      }
      Path manifest = ManifestReader.manifestIn(dir);
      if (manifest != null) {
        add(manifest);
        return;
      }
      List<Path> children;
      try {
        children = lister.list(dir);
      } catch (IOException e) {
        unreadable.add(new InputException(dir.toString(), "file_unreadable", "cannot list directory: "
            + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage())));
        return;
      }
      for (Path child : children) {
        if (Files.isRegularFile(child) && isInf(child)) {
          add(child);
        }
      }
      onTheWay.push(real);
      for (Path child : children) {
        if (Files.isDirectory(child)) {
          collect(child, onTheWay);
        }
      }
      onTheWay.pop();
    }

    private void add(Path file) {
      Path real;
      try {
        real = file.toRealPath();
      } catch (IOException e) {
        real = file.toAbsolutePath().normalize();
      }
      if (files.add(real)) {
        out.add(file);
      } else {
        skipped.add(new Skipped(file, "duplicate_path", "`" + file + "` is a link to a file already found; read once"));
      }
    }
  }
}
