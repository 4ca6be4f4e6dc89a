package io.drvguard.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.cli.DecisionRecord;
import io.drvguard.cli.DecisionReport;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import io.drvguard.library.Drvguard;
import io.drvguard.source.PackageDirectories;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * {@code replay SCENARIO...}: each scenario's steps, as events of a machine named after the
 * scenario, through the topology in a {@link TopologyTestDriver} (no broker), printed as
 * {@code drvguard simulate} prints them. Each scenario gets a driver of its own, with only its
 * package loaded, so packages of the same name in different scenarios do not meet.
 */
public final class Replay {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Drvguard drvguard;

  /** @param drvguard the engine and policy that decide */
  public Replay(Drvguard drvguard) {
    this.drvguard = drvguard;
  }

  /** One step's records as the topology wrote them (JSON). */
  public record Step(Scenario.Step step, JsonNode decision, List<JsonNode> violations) {}

  /** A replayed scenario: its steps that were decided, in order. */
  public record Result(LoadedScenario loaded, List<Step> steps) {}

  /**
   * Loads {@code file} and its package and replays every step.
   *
   * @throws InputException when the scenario or its package does not read, or an event of it went
   *     to the dead-letter topic
   */
  public Result run(Path file) throws InputException {
    LoadedScenario loaded = new ScenarioReader(new PackageDirectories()).load(file);
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("drvguard-replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      PackageRegistry registry = PackageRegistry.of(drvguard.engine().settings().policy(), loaded.pkg());
      EventDecider decider = new EventDecider(registry, r -> drvguard.evaluate(r, false));
      try (Session s = new Session(decider, properties("drvguard-replay", stateDir))) {
        return new Result(loaded, s.replay(file, loaded, loaded.scenario().steps()));
      }
    } finally {
      delete(stateDir);
    }
  }

  /** Kafka Streams settings for a driver: exactly-once as in production, state under {@code stateDir}. */
  public static Properties properties(String applicationId, Path stateDir) {
    Properties p = new Properties();
    p.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
    p.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // the processor forwards what fails to the dead-letter topic itself; this only silences the
    // notice that the global-thread handler is off (there is no global store)
    p.setProperty("processing.exception.handler.global.enabled", "true");
    return p;
  }

  /**
   * A topology in a test driver with its topics: pipe a step in, read what it wrote. Public so
   * tests can stop one half-way and start another.
   */
  public static final class Session implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> events;
    private final TestOutputTopic<String, String> decisions;
    private final TestOutputTopic<String, String> violations;
    private final TestOutputTopic<String, String> deadLetters;

    /** A driver of the topology with the default topics. */
    public Session(EventDecider decider, Properties properties) {
      Topics t = Topics.DEFAULTS;
      driver = new TopologyTestDriver(DecisionTopology.build(t, decider), properties);
      events = driver.createInputTopic(t.events(), new StringSerializer(), new StringSerializer());
      decisions = driver.createOutputTopic(t.decisions(), new StringDeserializer(), new StringDeserializer());
      violations = driver.createOutputTopic(t.violations(), new StringDeserializer(), new StringDeserializer());
      deadLetters = driver.createOutputTopic(t.deadLetters(), new StringDeserializer(), new StringDeserializer());
    }

    /** The driver, for its stores and other topics. */
    public TopologyTestDriver driver() {
      return driver;
    }

    /** Pipes one event (a JSON value) keyed {@code machine}. */
    public void send(String machine, String json) {
      events.pipeInput(machine, json);
    }

    /** The decisions written since the last call. */
    public List<JsonNode> decisions() {
      return read(decisions);
    }

    /** The violations written since the last call. */
    public List<JsonNode> violations() {
      return read(violations);
    }

    /** The dead letters written since the last call. */
    public List<JsonNode> deadLetters() {
      return read(deadLetters);
    }

    /**
     * Sends {@code steps} of {@code loaded} as events of a machine named after the scenario, and
     * returns the records of each decided step.
     *
     * @throws InputException naming the step when an event went to the dead-letter topic
     */
    public List<Step> replay(Path file, LoadedScenario loaded, List<Scenario.Step> steps) throws InputException {
      Scenario sc = loaded.scenario();
      List<Step> out = new ArrayList<>();
      for (Scenario.Step step : steps) {
        send(sc.name(), ScenarioEvents.event(sc, sc.name(), loaded.pkg().name(), step));
        List<JsonNode> dead = deadLetters();
        if (!dead.isEmpty()) {
          var at = step.location();
          throw new InputException(at == null ? file.toString() : at.file(), at == null ? 0 : at.line(),
              at == null ? 0 : at.column(), "replay_dead_letter", "step `" + step.id() + "`: the topology refused its event: "
              + dead.get(0).path("error").asText());
        }
        List<JsonNode> ds = decisions();
        List<JsonNode> vs = violations();
        if (!ds.isEmpty()) {
          out.add(new Step(step, ds.get(0), vs));
        }
      }
      return out;
    }

    private static List<JsonNode> read(TestOutputTopic<String, String> topic) {
      List<JsonNode> out = new ArrayList<>();
      for (String v : topic.readValuesToList()) {
        try {
          out.add(MAPPER.readTree(v));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return out;
    }

    @Override
    public void close() {
      driver.close();
    }
  }

  /**
   * Replays {@code files} and prints them on {@code out} in {@code format} as simulate does; scenarios
   * that do not read are reported on {@code err}.
   *
   * @return 0, 1 when an expectation failed or a finding is an error, 2 when a scenario did not read
   */
  public int print(List<Path> files, String format, PrintWriter out, PrintWriter err) throws IOException {
    List<InputException> errors = new ArrayList<>();
    boolean fails;
    try (DecisionReport report = DecisionReport.open(out, format, List.copyOf(drvguard.rules().rules().values()))) {
      for (Path f : files) {
        Result r;
        try {
          r = run(f);
        } catch (InputException e) {
          errors.add(e);
          continue;
        }
        String pkg = null;
        for (Step s : r.steps()) {
          report.decision(record(r.loaded().scenario().name(), s));
          for (JsonNode v : s.violations()) {
            report.finding(violation(s.step(), v));
            pkg = v.path("package").asText();
          }
        }
        if (pkg != null) {
          report.endPackage(pkg);
        }
      }
      errors.forEach(e -> err.println("drvguard: " + e.getMessage()));
      err.flush();
      fails = report.finish();
    }
    return !errors.isEmpty() ? 2 : fails ? 1 : 0;
  }

  /** The decision record of a replayed step, at the step's place in its scenario. */
  public static DecisionRecord record(String scenario, Step s) {
    JsonNode d = s.decision();
    Decision decision = new Decision(scenario + "#" + s.step().id(), verdict(d.path("decision").asText()),
        NtStatus.valueOf(d.path("status").asText()), 0, text(d, "requirement"), text(d, "ruleId"), text(d, "reason"),
        List.of());
    List<String> mismatches = new ArrayList<>();
    d.path("mismatches").forEach(m -> mismatches.add(m.asText()));
    return new DecisionRecord(scenario, s.step().id(), text(d, "request"), text(d, "principal"), text(d, "target"),
        decision, text(d, "expected"), d.path("met").isBoolean() ? d.path("met").asBoolean() : null, mismatches,
        s.step().location(), List.of());
  }

  /** A replayed finding, at the step's place in its scenario (as simulate places it). */
  public static Violation violation(Scenario.Step step, JsonNode v) {
    return new Violation(text(v, "ruleId"), text(v, "requirement"), Severity.parse(text(v, "severity")),
        text(v, "package"), text(v, "subject"), text(v, "message"), step.location(), v.path("waived").asBoolean());
  }

  private static Verdict verdict(String id) {
    return Arrays.stream(Verdict.values()).filter(v -> v.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no verdict `" + id + "`"));
  }

  private static String text(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
