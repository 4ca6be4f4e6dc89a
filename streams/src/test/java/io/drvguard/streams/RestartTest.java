package io.drvguard.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.library.Drvguard;
import io.drvguard.source.PackageDirectories;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario stopped half-way and resumed by a new driver with the same application id and state
 * folder decides its remaining steps as an uninterrupted run does.
 *
 * <p>What was found: {@link TopologyTestDriver#close()} deletes its state folder (it calls
 * {@code StateDirectory.clean()}), so the RocksDB files cannot carry state from one driver to the
 * next. What survives a real restart is the store's changelog topic, from which Kafka Streams
 * restores a task whose local state is gone (a new host, a wiped disk); so the resumed driver is
 * given exactly the changelog records the first one wrote, as Kafka Streams' restore would put them
 * back, and nothing else. A run with a real broker (module tests of the broker helper) restarts a
 * real {@code KafkaStreams}.
 */
class RestartTest {
  private static final String APP = "drvguard-restart";
  private static final String CHANGELOG = APP + "-" + DecisionTopology.STORE + "-changelog";
  private static Drvguard drvguard;

  @TempDir Path stateDir;

  @BeforeAll
  static void engine() throws Exception {
    drvguard = Drvguard.withBundledRules();
  }

  private Replay.Session session(LoadedScenario loaded) {
    PackageRegistry registry = PackageRegistry.of(drvguard.engine().settings().policy(), loaded.pkg());
    return new Replay.Session(new EventDecider(registry, r -> drvguard.evaluate(r, false)),
        Replay.properties(APP, stateDir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../regression/scenarios/NS-5/do-exclusive.scenario.yaml",
      "../examples/scenarios/toastbus.scenario.yaml", "../examples/scenarios/scanner.scenario.yaml",
      "../regression/scenarios/NS-6/closed-handle.scenario.yaml",
      "../regression/scenarios/STI-2/create-existing.scenario.yaml"})
  void stateSurvivesARestartInTheMiddle(String name) throws Exception {
    Path file = Path.of(name);
    LoadedScenario loaded = new ScenarioReader(new PackageDirectories()).load(file);
    List<Scenario.Step> steps = loaded.scenario().steps();
    List<String> whole;
    try (Replay.Session s = session(loaded)) {
      whole = decisions(s.replay(file, loaded, steps));
    }
    for (int split = 1; split < steps.size(); split++) {
      Map<String, String> changelog = new LinkedHashMap<>();
      List<String> first;
      try (Replay.Session s = session(loaded)) {
        first = decisions(s.replay(file, loaded, steps.subList(0, split)));
        for (KeyValue<String, String> kv : s.driver()
            .createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer()).readKeyValuesToList()) {
          changelog.put(kv.key, kv.value);
        }
      }
      List<String> rest;
      try (Replay.Session s = session(loaded)) {
        KeyValueStore<String, String> store = s.driver().getKeyValueStore(DecisionTopology.STORE);
        try (var all = store.all()) {
          assertFalse(all.hasNext(), "TopologyTestDriver.close() wiped the state folder");
        }
        changelog.forEach(store::put);
        rest = decisions(s.replay(file, loaded, steps.subList(split, steps.size())));
      }
      List<String> resumed = new java.util.ArrayList<>(first);
      resumed.addAll(rest);
      assertEquals(whole, resumed, name + " restarted after step " + split);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../regression/scenarios/NS-5/do-exclusive.scenario.yaml"})
  void withoutTheStateTheRestIsDecidedDifferently(String name) throws Exception {
    Path file = Path.of(name);
    LoadedScenario loaded = new ScenarioReader(new PackageDirectories()).load(file);
    List<Scenario.Step> steps = loaded.scenario().steps();
    List<String> whole;
    try (Replay.Session s = session(loaded)) {
      whole = decisions(s.replay(file, loaded, steps));
    }
    List<String> rest;
    try (Replay.Session s = session(loaded)) {
      rest = decisions(s.replay(file, loaded, steps.subList(1, steps.size())));
    }
    assertTrue(whole.size() > rest.size());
    assertNotEquals(whole.subList(whole.size() - rest.size(), whole.size()), rest,
        "the exclusive device's open handle is what the state carries");
  }

  private static List<String> decisions(List<Replay.Step> steps) {
    return steps.stream().map(s -> s.step().id() + " " + s.decision().path("decision").asText() + " "
        + s.decision().path("status").asText() + " " + s.decision().path("ruleId").asText() + " "
        + s.decision().path("reason").asText()).toList();
  }
}
