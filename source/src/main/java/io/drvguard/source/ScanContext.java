package io.drvguard.source;

import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Unresolved;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/** What the extractors of one driver share: its code, its package name, where findings point, and what stayed unresolved. */
final class ScanContext {
  final DriverCode code;
  final String pkg;
  /** The driver's directory as the user named it (the scan argument joined with the driver's path below it). */
  final Path userRoot;
  /** The same, absolute: what the files' paths are relative to. */
  final Path driverRoot;
  final List<Unresolved> unresolved = new ArrayList<>();

  ScanContext(DriverCode code, String pkg, Path userRoot, Path driverRoot) {
    this.code = code;
    this.pkg = pkg;
    this.userRoot = userRoot;
    this.driverRoot = driverRoot;
  }

  SourceLocation loc(CFile f, TSNode n) {
    return new SourceLocation(userRoot.resolve(driverRoot.relativize(f.path())).normalize().toString(), f.lineOf(n),
        n.getStartPoint().getColumn() + 1);
  }

  SourceLocation loc(DriverCode.At a) {
    return loc(a.file(), a.node());
  }

  Value eval(DriverCode.At a) {
    return code.eval.eval(a.file(), a.node());
  }

  /** Records that {@code what} of {@code subject} could not be resolved from {@code expr}. */
  void unresolved(String subject, String what, DriverCode.At expr, String why) {
    unresolved.add(new Unresolved(pkg, subject, what, expr.text().replaceAll("\\s+", " ").trim(), why, loc(expr)));
  }
}
