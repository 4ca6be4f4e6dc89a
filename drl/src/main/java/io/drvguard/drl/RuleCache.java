package io.drvguard.drl;

import io.drvguard.engine.RuleSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.kie.api.KieServices;

/**
 * Compiled rule folders (executable-model kjars) kept by the hash of what went into them, so an
 * unchanged folder is not compiled again on the next run. The key covers the DRL texts, the
 * compiler settings, the Drools version and the fact classes the compiled rules call into: a kjar compiled against other
 * fact classes could fail only when a rule fires, so it must never be found. The cache is a
 * convenience: any failure to read or write it means compiling, never an error.
 */
final class RuleCache {
  /** How many compiled folders to keep; older ones are removed when a new one is stored. */
  static final int KEEP = 32;

  private final Path dir;

  RuleCache(Path dir) {
    this.dir = dir;
  }

  /**
   * {@code DRVGUARD_CACHE_DIR}, else the {@code drvguard.cache.dir} property, else
   * {@code $XDG_CACHE_HOME/drvguard}, else {@code ~/.cache/drvguard}; each plus {@code rules}.
   * Empty when caching is turned off ({@code DRVGUARD_CACHE_DIR=off}).
   */
  static Optional<RuleCache> standard() {
    String configured = System.getenv("DRVGUARD_CACHE_DIR");
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty("drvguard.cache.dir");
    }
    if ("off".equals(configured)) {
      return Optional.empty();
    }
    Path base;
    if (configured != null && !configured.isBlank()) {
      base = Path.of(configured);
    } else {
      String xdg = System.getenv("XDG_CACHE_HOME");
      base = xdg != null && !xdg.isBlank()
          ? Path.of(xdg, "drvguard")
          : Path.of(System.getProperty("user.home"), ".cache", "drvguard");
    }
    return Optional.of(new RuleCache(base.resolve("rules")));
  }

  Path dir() {
    return dir;
  }

  /** The key of {@code sources}: a SHA-256 over everything the compiled kjar depends on. */
  static String key(List<RuleSource> sources) {
    MessageDigest md = sha256();
    update(md, "drvguard-rule-cache/1");
    update(md, String.valueOf(KieServices.class.getPackage().getImplementationVersion()));
    update(md, classesFingerprint(io.drvguard.facts.model.Violation.class));
    update(md, RuleCompiler.kmodule());
    for (RuleSource s : sources) {
      update(md, s.name());
      update(md, s.text());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The stored kjar of {@code key}, if there is one. */
  Optional<Path> find(String key) {
    try {
      Path f = file(key);
      if (!Files.isRegularFile(f)) {
        return Optional.empty();
      }
      touch(f);
      return Optional.of(f);
    } catch (UncheckedIOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code kjar} under {@code key}; where, or empty when it could not be stored. */
  Optional<Path> store(String key, byte[] kjar) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, key, ".tmp");
      Files.write(tmp, kjar);
      try {
        Files.move(tmp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING);
      }
      prune();
      return Optional.of(file(key));
    } catch (IOException | UncheckedIOException | SecurityException e) {
      // a read-only home or a full disk costs the next run a compilation, nothing more
      return Optional.empty();
    }
  }

  /** Forgets {@code key}, for a stored kjar that no longer loads. */
  void evict(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException | SecurityException e) {
      // it will be replaced when stored again
    }
  }

  private Path file(String key) {
    return dir.resolve(key + ".jar");
  }

  private void prune() throws IOException {
    List<Path> jars;
    try (Stream<Path> s = Files.list(dir)) {
      jars = s.filter(p -> p.getFileName().toString().endsWith(".jar"))
          .sorted(Comparator.comparing(RuleCache::modified).reversed())
          .toList();
    }
    for (Path old : jars.subList(Math.min(KEEP, jars.size()), jars.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static void touch(Path f) {
    try {
      Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException | SecurityException e) {
      // only affects which entries pruning keeps
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Size and time of the jar (or of every class file in the folder) that {@code type} comes from. */
  private static String classesFingerprint(Class<?> type) {
    try {
      var source = type.getProtectionDomain().getCodeSource();
      if (source == null) {
        return "unknown";
      }
      Path p = Path.of(source.getLocation().toURI());
      if (Files.isRegularFile(p)) {
        return p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
      }
      StringBuilder sb = new StringBuilder();
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.filter(x -> x.toString().endsWith(".class")).sorted().toList()) {
          sb.append(p.relativize(f)).append(':').append(Files.size(f)).append(':')
              .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
        }
      }
      return sb.toString();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // unknown classes: a key no other run shares, so nothing stale is ever found
      return "unknown:" + System.nanoTime();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(b);
  }
}
