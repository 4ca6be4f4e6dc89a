package io.drvguard.bench;

import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
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
 * Batched decisions on one thread: {@link Engine#decideAll} of a batch of mixed requests (opens and
 * IOCTLs alternating, fixed seed) in one session, against the reference and the Cedar peer deciding
 * the same batch request by request (cedar-java has no batch call). Subclasses fix the batch size
 * and declare it as operations per invocation, so scores are decisions per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public abstract class BatchBench {
  Engine engine;
  Reference reference;
  CedarPeer cedar;
  List<Request> batch;
  List<CedarPeer.Prepared> cedarBatch;

  abstract int size();

  @Setup
  public void setUp() {
    Fixture fixture = Fixture.load();
    engine = Fixture.engine();
    reference = new Reference();
    cedar = new CedarPeer(fixture.principalList(), fixture.pkg().ioctls());
    batch = List.copyOf(fixture.mixed(size(), Fixture.SEED + 2, engine::decide));
    cedarBatch = cedar.prepareAll(batch);
  }

  @Benchmark
  public List<Decision> drvguardDecideAll() {
    return engine.decideAll(batch);
  }

  @Benchmark
  public List<Decision> referenceLoop() {
    List<Decision> out = new ArrayList<>(batch.size());
    for (Request r : batch) {
      out.add(reference.decide(r));
    }
    return out;
  }

  @Benchmark
  public void cedarLoop(Blackhole bh) {
    for (CedarPeer.Prepared p : cedarBatch) {
      bh.consume(cedar.isAllowed(p));
    }
  }
}
