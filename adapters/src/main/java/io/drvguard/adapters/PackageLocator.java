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
    if (!Files.exists(input)) {
      throw new InputException(input.toString(), "file_not_found", "no such file or directory");
    }
    if (Files.isRegularFile(input)) {
      if (!Files.isReadable(input)) {
        throw new InputException(input.toString(), "file_unreadable", "permission denied");
      }
      return List.of(input);
    }
    List<Path> out = new ArrayList<>();
    collect(input, out);
    if (out.isEmpty()) {
      throw new InputException(input.toString(), "no_package",
          "no package manifest (" + String.join(", ", ManifestReader.MANIFEST_NAMES)
              + ") or INF file found in this directory or below");
    }
    return out;
  }

  /** INF files and the {@code .inx} templates the driver samples build them from, in any case. */
  public static boolean isInf(Path file) {
    String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".inf") || n.endsWith(".inx");
  }

  private static void collect(Path dir, List<Path> out) throws InputException {
    Path manifest = ManifestReader.manifestIn(dir);
    if (manifest != null) {
      out.add(manifest);
      return;
    }
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted().toList();
    } catch (IOException e) {
      throw new InputException(dir.toString(), "file_unreadable", "cannot list directory: " + e.getMessage());
    }
    for (Path child : children) {
      if (Files.isRegularFile(child) && isInf(child)) {
        out.add(child);
      }
    }
    for (Path child : children) {
      if (Files.isDirectory(child)) {
        collect(child, out);
      }
    }
  }
}
