package io.drvguard.bench;

import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import io.drvguard.library.Drvguard;
import io.drvguard.streams.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Issue 15, point 6: events decided per second through the application's {@code DecisionTopology}
 * on one stream thread (TopologyTestDriver: the application's processing on the calling thread,
 * without a broker), beside {@link Engine#decideAll} of the same 1,000 requests in the same run.
 * One operation is one event (one decision). The events ({@link StreamsSubject}: ten machines, each
 * opening handles on the fixture's devices, a few names that do not exist, then IOCTLs on its
 * handles) are made before timing; the topology resolves each step against the machine's state in
 * its store, decides it, and writes the machine's new state back, where {@code decideAll} gets the
 * requests already resolved.
 *
 * <p>Each invocation gets a fresh driver and state directory (outside the timing): the machines
 * open the same handle names every time, so every invocation starts from the state the requests
 * were resolved in.
 *
 * <p>{@code passThrough1Thread} pipes the same events through {@link PassThroughTopology} (the same
 * source, store and sink, a processor that does none of our work): what Kafka Streams' per-record
 * path costs on its own, the ceiling of the topology on this machine.
 *
 * <p>TopologyTestDriver commits after every record, where a stream thread commits every
 * {@code commit.interval.ms} (100 ms under exactly-once): so the topology is measured with the
 * application's guarantee, {@code exactly_once_v2}, and with {@code at_least_once}, whose commit is
 * cheaper, to show what the per-record commit costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@OperationsPerInvocation(StreamsBench.SIZE)
public class StreamsBench {
  static final int SIZE = 1_000;

  Engine engine;
  List<Request> batch;
  StreamsSubject subject;

  @Setup(Level.Trial)
  public void setUp() {
    Drvguard drvguard;
    try {
      drvguard = Drvguard.withBundledRules();
    } catch (Exception e) {
      throw new IllegalStateException("bundled rules do not build: " + e.getMessage(), e);
    }
    engine = drvguard.engine();
    subject = StreamsSubject.of(drvguard, Fixture.load(), SIZE, Fixture.SEED + 2);
    batch = subject.requests();
  }

  /** A driver over a topology, made again for every invocation (JMH's state inheritance). */
  @State(Scope.Thread)
  public abstract static class Piped {
    @Param({StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE})
    public String guarantee;

    List<KeyValue<String, String>> events;
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;

    abstract Topology topology(StreamsBench bench);

    @Setup(Level.Invocation)
    public void open(StreamsBench bench) throws IOException {
      events = bench.subject.events();
      stateDir = Files.createTempDirectory("drvguard-streams-bench-");
      Properties config = bench.subject.config(stateDir);
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
      driver = new TopologyTestDriver(topology(bench), config);
      input = driver.createInputTopic(StreamsSubject.EVENTS, new StringSerializer(), new StringSerializer());
      output = driver.createOutputTopic(StreamsSubject.DECISIONS, new StringDeserializer(), new StringDeserializer());
    }

    @TearDown(Level.Invocation)
    public void close() throws IOException {
      driver.close();
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** The application's topology. */
  public static class Driver extends Piped {
    @Override
    Topology topology(StreamsBench bench) {
      return bench.subject.topology();
    }
  }

  /** {@link PassThroughTopology}: the same source, store and sink, none of our work. */
  public static class PassThroughDriver extends Piped {
    @Override
    Topology topology(StreamsBench bench) {
      return PassThroughTopology.build(Topics.DEFAULTS);
    }
  }

  /** The batch's events piped through the topology and its decisions read back. */
  @Benchmark
  public List<String> topology1Thread(Driver d) {
    return pipe(d);
  }

  /** The same events through the pass-through topology: Kafka Streams' own cost per record. */
  @Benchmark
  public List<String> passThrough1Thread(PassThroughDriver d) {
    return pipe(d);
  }

  private static List<String> pipe(Piped d) {
    d.input.pipeKeyValueList(d.events);
    List<String> decided = d.output.readValuesToList();
    if (decided.size() != SIZE) {
      throw new IllegalStateException(SIZE + " events gave " + decided.size() + " decisions");
    }
    return decided;
  }

  /** The same requests decided in one {@code decideAll} call, as {@code Batch1k.drvguardDecideAll}. */
  @Benchmark
  public List<Decision> decideAll1Thread() {
    return engine.decideAll(batch);
  }
}
