package io.drvguard.bench;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageLocator;
import io.drvguard.adapters.PackageReader;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.Engine;
import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Static checks, one thread: {@link Engine#check} of the fixture package (already read, and read
 * from disk each time), and of the INF files of {@code shared/corpus/wds/inf_checkout} as
 * {@code drvguard check} takes them (each INF read, resolved and checked on its own):
 * {@code corpusInf} checks one INF per operation, walking the tree in order, so its score is INF
 * files per second; {@code corpusTree} checks the whole tree per operation.
 *
 * <p>The corpus is found through {@code -Ddrvguard.shared}, {@code $DRVGUARD_SHARED} or
 * {@code ../shared}; without it the corpus benchmarks fail their setup (the others run).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class CheckBench {
  Engine engine;
  Fixture fixture;
  DriverPackage pkg;
  Path manifest;

  @Setup
  public void setUp() throws InputException {
    fixture = Fixture.load();
    engine = Fixture.engine();
    pkg = fixture.pkg();
    manifest = PackageLocator.inputs(fixture.directory()).get(0);
  }

  @Benchmark
  public CheckResult checkPackage() {
    return engine.check(pkg);
  }

  @Benchmark
  public CheckResult readAndCheckPackage() throws InputException {
    return engine.check(new PackageReader().read(manifest));
  }

  /** The corpus INF files and a cursor over them. */
  @State(Scope.Thread)
  public static class Corpus {
    List<Path> infs;
    int next;

    @Setup
    public void setUp() throws InputException {
      Path tree = shared().resolve("corpus/wds/inf_checkout");
      if (!Files.isDirectory(tree)) {
        throw new IllegalStateException("corpus not found: " + tree
            + " (set -Ddrvguard.shared or DRVGUARD_SHARED to the shared/ directory)");
      }
      infs = new ArrayList<>(PackageLocator.inputs(tree));
      System.out.println("corpus: " + infs.size() + " INF inputs under " + tree);
    }
  }

  /** One INF per operation: the score is INF files per second. */
  @Benchmark
  public Object corpusInf(Corpus c) {
    Path inf = c.infs.get(c.next++ % c.infs.size());
    return checkInput(inf);
  }

  /** The whole tree per operation. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void corpusTree(Corpus c, Blackhole bh) {
    for (Path inf : c.infs) {
      bh.consume(checkInput(inf));
    }
  }

  private Object checkInput(Path input) {
    try {
      return engine.check(new PackageReader().read(input));
    } catch (InputException e) {
      return e; // drvguard check reports it as bad input and goes on
    }
  }

  static Path shared() {
    String p = System.getProperty("drvguard.shared");
    if (p == null || p.isBlank()) {
      p = System.getenv("DRVGUARD_SHARED");
    }
    return Path.of(p == null || p.isBlank() ? "../shared" : p).toAbsolutePath().normalize();
  }
}
