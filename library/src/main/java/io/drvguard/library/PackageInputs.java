package io.drvguard.library;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageLocator;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.inf.InfDiagnostic;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.source.SourcePackages;
import io.drvguard.source.SourceScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The packages some paths name, found as {@code drvguard check} finds them. Driver source trees
 * come first (scanned into one package per driver), so the manifests and INF files their packages
 * read are not checked a second time on their own; then each path is searched for package
 * directories, manifests and INF files ({@link PackageLocator}). A manifest package is read only
 * when its {@link Input} is, so a caller can check one package at a time and drop it.
 *
 * <p>Nothing here stops at the first problem: what could not be found or read is collected in
 * {@link #errors()} (and the inputs that are readable are still listed), what was read with a
 * remark (an undefined INF string, a link loop skipped) in {@link #notes()}.
 */
public final class PackageInputs {
  /** One package, read when asked for. */
  @FunctionalInterface
  public interface Input {
    /** The package, read now (a scanned source package was read while finding it). */
    DriverPackage read() throws InputException;
  }

  private final List<Input> inputs = new ArrayList<>();
  private final List<InputException> errors = new ArrayList<>();
  private final List<Note> searchNotes = new ArrayList<>();
  private final List<InfDiagnostic> infNotes = new ArrayList<>();

  private PackageInputs() {}

  /**
   * Finds the packages of {@code paths}: each a package directory, a manifest, an INF file, a
   * driver source tree or a directory to search.
   */
  public static PackageInputs find(List<Path> paths) {
    PackageInputs found = new PackageInputs();
    found.search(paths);
    return found;
  }

  private void search(List<Path> paths) {
    SourcePackages sources = new SourcePackages();
    Set<Path> scannedDirs = new HashSet<>();
    // made only when there are sources: it loads tree-sitter's native parser, a cost at every start
    SourceScanner scanner = null;
    for (Path p : paths) {
      if (SourceScanner.hasSources(p)) {
        if (scanner == null) {
          scanner = new SourceScanner();
        }
        try {
          SourceScanner.Result r = scanner.scan(p);
          errors.addAll(r.errors());
          for (DriverPackage pkg : sources.loadAll(r, infNotes, errors)) {
            inputs.add(() -> pkg);
          }
          if (!r.drivers().isEmpty()) {
            scannedDirs.add(p);
          }
        } catch (InputException e) {
          errors.add(e);
        }
      }
    }
    Set<Path> files = new LinkedHashSet<>();
    for (Path p : paths) {
      try {
        PackageLocator.Search search;
        try {
          search = PackageLocator.search(p);
        } catch (InputException e) {
          // a source tree holds no manifest package of its own: that is no error
          if (scannedDirs.contains(p) && "no_package".equals(e.code())) {
            continue;
          }
          throw e;
        }
        files.addAll(search.inputs());
        // one unreadable directory is an error for it alone: its readable siblings are still found
        errors.addAll(search.unreadable());
        for (PackageLocator.Skipped s : search.skipped()) {
          searchNotes.add(new Note(SourceLocation.of(s.path().toString(), 0), s.code(), s.message()));
        }
      } catch (InputException e) {
        errors.add(e);
      }
    }
    files.removeIf(f -> sources.consumed().contains(f.toAbsolutePath().normalize()));
    PackageReader reader = new PackageReader();
    for (Path f : files) {
      inputs.add(() -> reader.read(f, infNotes));
    }
  }

  /** The packages found, source packages first, then the others in search order. */
  public List<Input> inputs() {
    return List.copyOf(inputs);
  }

  /** What could not be found or scanned; errors of {@link Input#read()} are thrown to its caller. */
  public List<InputException> errors() {
    return List.copyOf(errors);
  }

  /**
   * Remarks so far: paths the search skipped, then what the INF reader noticed without failing in
   * the packages read until now (call it after reading them).
   */
  public List<Note> notes() {
    List<Note> out = new ArrayList<>(searchNotes);
    for (InfDiagnostic n : infNotes) {
      out.add(new Note(n.location(), n.code(), n.message()));
    }
    return out;
  }
}
