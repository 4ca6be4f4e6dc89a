package io.drvguard.source;

import io.drvguard.adapters.InputException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C/C++ files under a scan root, read and parsed at most once each, and the drivers among
 * them: a directory holding a {@code DriverEntry} definition (a kernel-mode driver) or a class
 * implementing {@code IStiUSD} (a user-mode still-image minidriver). User-mode programs are not
 * drivers. Quoted {@code #include}s resolve next to the including file, then by file name anywhere
 * in the tree (the nearest wins), as a project's include path would find them.
 */
final class SourceTree {
  static final List<String> EXTENSIONS = List.of(".c", ".cpp", ".h", ".hpp");
  private static final Pattern DRIVER_ENTRY = Pattern.compile("\\bDriverEntry\\s*\\(");
  private static final Pattern STI_USD = Pattern.compile("\\bpublic\\s+IStiUSD\\b");
  private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s*\"([^\"]+)\"");

  private final Path root;
  private final List<Path> files = new ArrayList<>();
  private final Map<String, List<Path>> byName = new HashMap<>();
  private final Map<Path, String> texts = new HashMap<>();
  private final Map<Path, CFile> parsed = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Set<Path> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<Path, InputException> errors = new java.util.concurrent.ConcurrentHashMap<>();
  private final ThreadLocal<CParser> parsers = ThreadLocal.withInitial(CParser::new);

  SourceTree(Path root) throws InputException {
    this.root = root;
    List<InputException> unlisted = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
          return !dir.equals(root) && n.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && isSource(file)) {
            files.add(file);
            byName.computeIfAbsent(file.getFileName().toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          unlisted.add(new InputException(file.toString(), "file_unreadable",
              e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage())));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new InputException(root.toString(), "file_unreadable", String.valueOf(e.getMessage()));
    }
    for (InputException e : unlisted) {
      errors.put(Path.of(e.file()), e);
    }
    files.sort(null);
  }

  static boolean isSource(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }

  Path root() {
    return root;
  }

  boolean hasSources() {
    return !files.isEmpty();
  }

  /** Directories holding a driver, in path order; each with the still-image flag. */
  Map<Path, Boolean> driverRoots() {
    Map<Path, Boolean> roots = new java.util.TreeMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      String text = text(f);
      if (text == null) {
        continue;
      }
      if ((name.endsWith(".c") || name.endsWith(".cpp")) && text.contains("DriverEntry") && definesDriverEntry(text)) {
        roots.put(f.getParent(), false);
      } else if (text.contains("IStiUSD") && STI_USD.matcher(text).find()) {
        roots.putIfAbsent(f.getParent(), true);
      }
    }
    return roots;
  }

  /** True when {@code text} defines (not only declares) DriverEntry: its parameter list is followed by a body. */
  static boolean definesDriverEntry(String text) {
    Matcher m = DRIVER_ENTRY.matcher(text);
    while (m.find()) {
      int i = m.end();
      int depth = 1;
      while (i < text.length() && depth > 0) {
        char c = text.charAt(i++);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
      // skip blanks and comments (a routine's description often sits between the signature and its body)
      while (i < text.length()) {
        if (Character.isWhitespace(text.charAt(i))) {
          i++;
        } else if (text.startsWith("/*", i)) {
          int end = text.indexOf("*/", i + 2);
          i = end < 0 ? text.length() : end + 2;
        } else if (text.startsWith("//", i)) {
          int end = text.indexOf('\n', i);
          i = end < 0 ? text.length() : end + 1;
        } else {
          break;
        }
      }
      if (i < text.length() && text.charAt(i) == '{') {
        return true;
      }
    }
    return false;
  }

  /**
   * The files of the driver in {@code dir}: the sources under it that belong to no other driver
   * below it and to no user-mode program, and the headers they include from anywhere in the tree.
   */
  List<Path> driverFiles(Path dir, java.util.Set<Path> otherRoots) {
    TreeSet<Path> out = new TreeSet<>();
    for (Map.Entry<Path, List<Path>> e : byDir().entrySet()) {
      if (!e.getKey().startsWith(dir)) {
        continue;
      }
      for (Path f : e.getValue()) {
        if (!belongsElsewhere(f, dir, otherRoots)) {
          out.add(f);
        }
      }
    }
    java.util.ArrayDeque<Path> todo = new java.util.ArrayDeque<>(out);
    while (!todo.isEmpty()) {
      Path f = todo.pop();
      String text = text(f);
      if (text == null) {
        continue;
      }
      Matcher m = INCLUDE.matcher(text);
      while (m.find()) {
        Path inc = resolveInclude(f, m.group(1));
        if (inc != null && out.add(inc)) {
          todo.push(inc);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private boolean belongsElsewhere(Path f, Path dir, java.util.Set<Path> otherRoots) {
    for (Path p = f.getParent(); p != null && !p.equals(dir); p = p.getParent()) {
      if (otherRoots.contains(p) || isProgramDir(p)) {
        return true;
      }
    }
    return false;
  }

  private final Map<Path, Boolean> programDirs = new HashMap<>();
  private Map<Path, List<Path>> byDir;

  /** The source files by their directory. */
  private Map<Path, List<Path>> byDir() {
    if (byDir == null) {
      byDir = new HashMap<>();
      for (Path f : files) {
        byDir.computeIfAbsent(f.getParent(), k -> new ArrayList<>()).add(f);
      }
    }
    return byDir;
  }
  private static final Pattern MAIN = Pattern.compile(
      "(?m)^[\\w\\s\\*]*\\b(?:main|wmain|_tmain|WinMain|wWinMain|_tWinMain)\\s*\\([^;{]*\\)\\s*\\{");

  /** A directory whose sources define a user-mode entry point (a test or control program). */
  private boolean isProgramDir(Path dir) {
    return programDirs.computeIfAbsent(dir, d -> byDir().getOrDefault(d, List.of()).stream()
        .map(this::text)
        .anyMatch(t -> t != null && MAIN.matcher(t).find() && !definesDriverEntry(t)));
  }

  private Path resolveInclude(Path from, String name) {
    Path local = from.getParent().resolve(name).normalize();
    if (Files.isRegularFile(local) && local.startsWith(root)) {
      return local;
    }
    String base = Path.of(name.replace('\\', '/')).getFileName().toString().toLowerCase(Locale.ROOT);
    List<Path> candidates = byName.get(base);
    if (candidates == null) {
      return null;
    }
    Path best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Path c : candidates) {
      int d = distance(from.getParent(), c.getParent());
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(Path a, Path b) {
    int common = 0;
    while (common < a.getNameCount() && common < b.getNameCount() && a.getName(common).equals(b.getName(common))) {
      common++;
    }
    return (a.getNameCount() - common) + (b.getNameCount() - common);
  }

  /** True when {@code f} holds code a fact can come from (not only declarations and macros). */
  boolean relevant(Path f) {
    return relevance.computeIfAbsent(f, p -> {
      String t = text(p);
      return t != null && Tokens.relevant(t);
    });
  }

  private final Map<Path, Boolean> relevance = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Where {@code f} defines names: each {@code #define NAME} and {@code DEFINE_GUID(NAME, ...)} with
   * the offset of the definition, found by a scan of the text (computed once per file).
   */
  synchronized List<Definition> definitions(Path f) {
    return definitions.computeIfAbsent(f, p -> {
      String t = text(p);
      return t == null ? List.of() : Definitions.find(t);
    });
  }

  /** A name a file defines and where its definition starts. */
  record Definition(String name, int offset) {}

  private final Map<Path, List<Definition>> definitions = new HashMap<>();

  /** Parses {@code files} on up to two threads (the native parser is the cost), each file once. */
  void parseAll(List<Path> files) {
    List<Path> todo = files.stream().filter(f -> !parsed.containsKey(f) && !failed.contains(f)).toList();
    for (Path f : todo) {
      text(f);
    }
    List<java.util.concurrent.Callable<CFile>> tasks = new ArrayList<>();
    for (Path f : todo) {
      tasks.add(() -> parse(f));
    }
    inParallel(tasks);
  }

  /**
   * Runs {@code tasks} on up to two threads (the machines drvguard runs on in CI have two cores)
   * and returns their results in order; a task's exception is rethrown unchecked. Each task must
   * use trees no other task reads: tree-sitter trees are not safe to share between threads.
   */
  static <T> List<T> inParallel(List<java.util.concurrent.Callable<T>> tasks) {
    int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    List<T> out = new ArrayList<>();
    if (threads < 2 || tasks.size() < 4) {
      for (java.util.concurrent.Callable<T> t : tasks) {
        try {
          out.add(t.call());
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "drvguard-scan");
      t.setDaemon(true);
      return t;
    });
    try {
      List<java.util.concurrent.Future<T>> fs = new ArrayList<>();
      for (java.util.concurrent.Callable<T> t : tasks) {
        fs.add(pool.submit(t));
      }
      for (java.util.concurrent.Future<T> fut : fs) {
        try {
          out.add(fut.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while scanning", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The file's text, or null when it could not be read (the error is kept). */
  synchronized String text(Path f) {
    if (texts.containsKey(f)) {
      return texts.get(f);
    }
    String t = null;
    try {
      if (Files.size(f) > CParser.MAX_BYTES) {
        throw new InputException(f.toString(), "source_too_large",
            "larger than " + (CParser.MAX_BYTES >> 20) + " MiB; not read as driver source");
      }
      t = CParser.decode(f, Files.readAllBytes(f));
    } catch (InputException e) {
      errors.putIfAbsent(f, e);
    } catch (IOException e) {
      errors.putIfAbsent(f, new InputException(f.toString(), "file_unreadable",
          e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage())));
    }
    texts.put(f, t);
    return t;
  }

  /** The parsed file (named relative to the scan root), or null when it cannot be read or parsed (the error is kept). */
  CFile parse(Path f) {
    // a header shared by several drivers is parsed once
    CFile c = parsed.get(f);
    if (c != null || failed.contains(f)) {
      return c;
    }
    String t = text(f);
    if (t != null) {
      try {
        c = parsers.get().parse(f, relative(root, f), t);
        c.nodes("call_expression");
      } catch (InputException e) {
        errors.putIfAbsent(f, e);
      }
    }
    if (c == null) {
      failed.add(f);
    } else {
      parsed.put(f, c);
    }
    return c;
  }

  /** {@code f} relative to {@code base} with forward slashes ({@code ../} where it lies outside). */
  static String relative(Path base, Path f) {
    return base.relativize(f).toString().replace('\\', '/');
  }

  /** The input errors met so far (unreadable or unparsable files), by file. */
  Map<Path, InputException> errors() {
    return new java.util.TreeMap<>(errors);
  }
}
