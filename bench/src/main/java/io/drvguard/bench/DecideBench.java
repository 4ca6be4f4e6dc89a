package io.drvguard.bench;

import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.OpenRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One request per call: {@link Engine#decide} (a short-lived session per request) against the
 * plain-Java {@link Reference} and the {@link CedarPeer}, for DIRECT opens and for IOCTLs. Each
 * thread walks the same 4,096 pre-resolved requests (fixed seed) in order. Scores are decisions per
 * second (for several threads, the sum over the threads). Subclasses fix the thread count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public abstract class DecideBench {
  static final int N = 4096;

  Engine engine;
  Reference reference;
  CedarPeer cedar;
  OpenRequest[] opens;
  IoctlRequest[] ioctls;
  CedarPeer.Prepared[] cedarOpens;
  CedarPeer.Prepared[] cedarIoctls;

  @Setup
  public void setUp() {
    Fixture fixture = Fixture.load();
    engine = Fixture.engine();
    reference = new Reference();
    cedar = new CedarPeer(fixture.principalList(), fixture.pkg().ioctls());
    List<OpenRequest> o = fixture.opens(N, Fixture.SEED);
    List<IoctlRequest> i = fixture.ioctls(N, Fixture.SEED + 1, engine::decide);
    opens = o.toArray(new OpenRequest[0]);
    ioctls = i.toArray(new IoctlRequest[0]);
    cedarOpens = cedar.prepareAll(o).toArray(new CedarPeer.Prepared[0]);
    cedarIoctls = cedar.prepareAll(i).toArray(new CedarPeer.Prepared[0]);
  }

  /** Where each thread is in the request arrays. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int next() {
      return next++ & (N - 1);
    }
  }

  @Benchmark
  public Decision drvguardOpen(Cursor c) {
    return engine.decide(opens[c.next()]);
  }

  @Benchmark
  public Decision referenceOpen(Cursor c) {
    return reference.decide(opens[c.next()]);
  }

  @Benchmark
  public boolean cedarOpen(Cursor c) {
    return cedar.isAllowed(cedarOpens[c.next()]);
  }

  @Benchmark
  public Decision drvguardIoctl(Cursor c) {
    return engine.decide(ioctls[c.next()]);
  }

  @Benchmark
  public Decision referenceIoctl(Cursor c) {
    return reference.decide(ioctls[c.next()]);
  }

  @Benchmark
  public boolean cedarIoctl(Cursor c) {
    return cedar.isAllowed(cedarIoctls[c.next()]);
  }
}
