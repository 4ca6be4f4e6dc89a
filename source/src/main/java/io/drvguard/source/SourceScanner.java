package io.drvguard.source;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageLocator;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Infers package manifests from driver sources (DESIGN.md, "Source scan"): finds each driver
 * under a directory, parses its C with tree-sitter, and derives the device objects, IOCTLs,
 * IRP_MJ_CREATE behaviour and kernel objects the rules check. Files that cannot be read or parsed
 * are input errors of their own; the other drivers are still scanned. Not thread-safe: one scanner
 * per thread.
 */
public final class SourceScanner {
  /** The parser of single definitions and macro bodies (drivers are analysed on this thread). */
  private final CParser snippets = new CParser();

  /** What a scan of one directory found: the drivers and the files it could not read or parse. */
  public record Result(List<ScannedDriver> drivers, List<InputException> errors) {}

  /** True when {@code dir} holds C or C++ sources anywhere below it. */
  public static boolean hasSources(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(p -> Files.isRegularFile(p) && SourceTree.isSource(p));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  public Result scan(Path dir) throws InputException {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir.toString(), "file_not_found", "not a directory of driver sources");
    }
    Path root = dir.toAbsolutePath().normalize();
    SourceTree tree = new SourceTree(root);
    Map<Path, Boolean> roots = tree.driverRoots();
    List<ScannedDriver> drivers = new ArrayList<>();
    // every driver's relevant files in one parallel batch: the parse is most of the time
    Map<Path, List<Path>> filesOf = new java.util.LinkedHashMap<>();
    java.util.Set<Path> allRelevant = new java.util.LinkedHashSet<>();
    for (Path driverRoot : roots.keySet()) {
      java.util.Set<Path> others = new java.util.HashSet<>(roots.keySet());
      others.remove(driverRoot);
      List<Path> all = tree.driverFiles(driverRoot, others);
      filesOf.put(driverRoot, all);
      all.stream().filter(tree::relevant).forEach(allRelevant::add);
    }
    tree.parseAll(new ArrayList<>(allRelevant));
    // each driver is analysed on its own (its symbols, call graph, evaluator), one after the other:
    // drivers share headers, and a tree-sitter tree must not be read by two threads at once
    for (Map.Entry<Path, Boolean> e : roots.entrySet()) {
      Path driverRoot = e.getKey();
      List<Path> all = filesOf.get(driverRoot);
      List<CFile> files = parsed(tree, all.stream().filter(tree::relevant).toList());
      Symbols symbols = new Symbols(definers(tree, all, snippets));
      files.forEach(symbols::add);
      ctlCodeDefinitions(tree, all, files, symbols);
      String rel = root.equals(driverRoot) ? "." : SourceTree.relative(root, driverRoot);
      Path userRoot = ".".equals(rel) ? dir : dir.resolve(rel);
      drivers.add(driver(new DriverCode(files, symbols, snippets), rel, userRoot, driverRoot, e.getValue(),
          roots.keySet()));
    }
    return new Result(drivers, List.copyOf(tree.errors().values()));
  }

  private static List<CFile> parsed(SourceTree tree, List<Path> files) {
    tree.parseAll(files);
    List<CFile> out = new ArrayList<>();
    for (Path f : files) {
      CFile c = tree.parse(f);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Finds, by their text, where a driver's files define a name ({@code #define} with its
   * continuation lines, or {@code DEFINE_GUID(...)}), and parses just that definition with
   * tree-sitter: a header is not parsed in full for one constant.
   */
  private static Symbols.Loader definers(SourceTree tree, List<Path> files, CParser snippets) {
    java.util.Map<String, List<int[]>> byName = new java.util.HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      for (SourceTree.Definition def : tree.definitions(files.get(i))) {
        byName.computeIfAbsent(def.name(), k -> new ArrayList<>()).add(new int[] {i, def.offset()});
      }
    }
    return name -> {
      List<CFile> out = new ArrayList<>();
      for (int[] at : byName.getOrDefault(name, List.of())) {
        Path f = files.get(at[0]);
        String t = tree.text(f);
        int end = definitionEnd(t, at[1]);
        int lineOffset = (int) t.substring(0, at[1]).chars().filter(c -> c == '\n').count();
        try {
          out.add(snippets.parse(f, SourceTree.relative(tree.root(), f), t.substring(at[1], end) + "\n", lineOffset));
        } catch (InputException e) {
          // a definition that does not parse defines nothing: the name stays unresolved, with its reason
        }
      }
      return out;
    };
  }

  /** The end of a definition starting at {@code start}: the line (with its continuations) or the statement. */
  private static int definitionEnd(String t, int start) {
    if (t.startsWith("DEFINE_GUID", start)) {
      int semi = t.indexOf(';', start);
      return semi < 0 ? t.length() : semi + 1;
    }
    int i = start;
    while (i < t.length()) {
      int nl = t.indexOf('\n', i);
      if (nl < 0) {
        return t.length();
      }
      int k = nl - 1;
      if (k >= 0 && t.charAt(k) == '\r') {
        k--;
      }
      if (k >= 0 && t.charAt(k) == '\\') {
        i = nl + 1;
      } else {
        return nl;
      }
    }
    return t.length();
  }

  /**
   * Makes sure every IOCTL definition is among the parsed files: those that use CTL_CODE, then
   * those that use a macro built on it (a driver's own wrapper such as {@code IOCTL_CODE(n)}).
   */
  private static void ctlCodeDefinitions(SourceTree tree, List<Path> all, List<CFile> files, Symbols symbols) {
    java.util.Set<String> wrappers = new java.util.LinkedHashSet<>(List.of("CTL_CODE", "SCARD_CTL_CODE"));
    java.util.Set<Path> done = new java.util.HashSet<>();
    files.forEach(c -> done.add(c.path()));
    for (int round = 0; round < 4; round++) {
      List<Path> more = new ArrayList<>();
      for (Path f : all) {
        String t = done.contains(f) ? null : tree.text(f);
        if (t != null && wrappers.stream().anyMatch(t::contains)) {
          more.add(f);
        }
      }
      if (more.isEmpty()) {
        return;
      }
      for (CFile c : parsed(tree, more)) {
        symbols.add(c);
        done.add(c.path());
      }
      int before = wrappers.size();
      symbols.fnMacros.forEach((name, m) -> {
        if (wrappers.stream().anyMatch(w -> m.body().contains(w))) {
          wrappers.add(name);
        }
      });
      if (wrappers.size() == before) {
        return;
      }
    }
  }

  private ScannedDriver driver(DriverCode code, String rel, Path userRoot, Path driverRoot, boolean stillImage,
      java.util.Set<Path> otherRoots) {
    String name = ".".equals(rel) ? String.valueOf(driverRoot.getFileName()) : rel;
    ScanContext cx = new ScanContext(code, name, userRoot, driverRoot);
    if (stillImage) {
      List<KernelObjectDef> objects = KernelObjects.find(cx, true);
      Driver driver = new Driver(name, DriverRole.STILLIMAGE, null, false, false, false,
          io.drvguard.facts.model.Dispatch.NONE, null);
      return new ScannedDriver(userRoot, rel, "sti", new DriverPackage(name, userRoot, null, driver, List.of(),
          List.of(), objects, null, List.of(), null, cx.unresolved));
    }
    DriverShape shape = new DriverShape(code, ".".equals(rel) ? String.valueOf(driverRoot.getFileName()) : rel);
    WdmDeviceObjects.Ids ids = new WdmDeviceObjects.Ids();
    List<DeviceObject> objects = new ArrayList<>(WdmDeviceObjects.find(cx, shape, ids));
    if (shape.kmdf) {
      objects.addAll(KmdfDeviceObjects.find(cx, shape, ids));
    }
    List<IoctlDefinition> ioctls = Ioctls.find(cx);
    CreateDispatch.Result create = CreateDispatch.find(cx, shape);
    List<KernelObjectDef> kernelObjects = KernelObjects.find(cx, false);
    DriverRole role = shape.fileSystem ? DriverRole.FILESYSTEM
        : !shape.pnp ? DriverRole.LEGACY
        : objects.stream().anyMatch(d -> d.kind() == DeviceObjectKind.PDO) ? DriverRole.BUS
        : shape.filter ? DriverRole.FILTER : DriverRole.FUNCTION;
    String inf = infIn(driverRoot, otherRoots);
    // a file system's volumes are its namespace: opens of \Device\Volume\dir\file are its business
    Driver driver = new Driver(name, role, inf, role == DriverRole.FILESYSTEM, false, false, create.dispatch(),
        create.at() != null ? create.at() : entryLocation(cx),
        shape.kmdf ? io.drvguard.facts.model.Framework.KMDF : io.drvguard.facts.model.Framework.WDM);
    return new ScannedDriver(userRoot, rel, shape.kmdf ? "kmdf" : "wdm", new DriverPackage(name, userRoot, null, driver,
        objects, ioctls, kernelObjects, null, List.of(), null, cx.unresolved));
  }

  private static io.drvguard.facts.model.SourceLocation entryLocation(ScanContext cx) {
    List<DriverCode.At> entry = cx.code.function("DriverEntry");
    return entry.isEmpty() ? null : cx.loc(entry.get(0));
  }

  /**
   * The INF (or .inx template) of the driver, relative to its directory: the first by path among
   * those under it (not under another driver's directory), else the first beside it in its parent
   * folder, where samples keep an INF shared by several variants.
   */
  private static String infIn(Path dir, java.util.Set<Path> otherRoots) {
    try (Stream<Path> s = Files.walk(dir)) {
      java.util.Optional<Path> inside = s.filter(p -> Files.isRegularFile(p) && PackageLocator.isInf(p))
          .filter(p -> otherRoots.stream().noneMatch(o -> !o.equals(dir) && o.startsWith(dir) && p.startsWith(o)))
          .sorted().findFirst();
      if (inside.isPresent()) {
        return SourceTree.relative(dir, inside.get());
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
    Path parent = dir.getParent();
    if (parent == null) {
      return null;
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(p -> Files.isRegularFile(p) && PackageLocator.isInf(p)).sorted().findFirst()
          .map(p -> SourceTree.relative(dir, p)).orElse(null);
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
  }

}
