package io.drvguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.request.Decision;
import io.drvguard.library.Drvguard;
import io.drvguard.streams.DecisionTopology;
import io.drvguard.streams.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StreamsBench compares like with like: the application's topology, fed the subject's events,
 * gives event by event and in order the verdict, status and rule that {@code decideAll} gives for
 * the requests the subject resolved from the same steps, one decision per event keyed by its
 * machine, and nothing goes to the dead-letter topic. No timing is asserted.
 */
class StreamsSubjectTest {
  @TempDir Path stateDir;

  @Test
  void topologyDecidesTheEventsAsDecideAll() throws Exception {
    Drvguard drvguard = Drvguard.withBundledRules();
    StreamsSubject subject = StreamsSubject.of(drvguard, Fixture.load(), 400, Fixture.SEED + 7);

    List<String> expected = new ArrayList<>();
    for (Decision d : drvguard.engine().decideAll(subject.requests())) {
      expected.add(StreamsSubject.verdictAndRule(d));
    }
    List<TestRecord<String, String>> decided;
    List<String> dead;
    try (TopologyTestDriver driver = new TopologyTestDriver(subject.topology(), subject.config(stateDir))) {
      TestInputTopic<String, String> in =
          driver.createInputTopic(StreamsSubject.EVENTS, new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic(StreamsSubject.DECISIONS, new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<String, String> dlq =
          driver.createOutputTopic(StreamsSubject.DEAD_LETTERS, new StringDeserializer(), new StringDeserializer());
      in.pipeKeyValueList(subject.events());
      decided = out.readRecordsToList();
      dead = dlq.readValuesToList();
    }
    assertEquals(List.of(), dead, "no event is refused");
    assertEquals(subject.events().size(), decided.size(), "one decision per event");
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < decided.size(); i++) {
      assertEquals(subject.events().get(i).key, decided.get(i).key(), "decision " + i + " keyed by its machine");
      actual.add(StreamsSubject.verdictAndRule(decided.get(i).value()));
    }
    assertEquals(expected, actual);
    // allows and denies, IOCTLs among them, so agreeing is not trivial and the machines' state is used
    assertEquals(2, expected.stream().map(s -> s.split(" ")[0]).distinct().count(), "allows and denies");
    assertTrue(subject.requests().stream().anyMatch(r -> r.kind().equals("ioctl")
        && drvguard.engine().decide(r).allowed()), "an IOCTL on a bound handle is allowed");
  }

  @Test
  void passThroughForwardsEveryEventAndKeepsEachMachinesEntry() throws Exception {
    StreamsSubject subject = StreamsSubject.of(Drvguard.withBundledRules(), Fixture.load(), 400, Fixture.SEED + 7);
    try (TopologyTestDriver driver = new TopologyTestDriver(PassThroughTopology.build(Topics.DEFAULTS),
        subject.config(stateDir))) {
      driver.createInputTopic(StreamsSubject.EVENTS, new StringSerializer(), new StringSerializer())
          .pipeKeyValueList(subject.events());
      List<String> out = driver.createOutputTopic(StreamsSubject.DECISIONS, new StringDeserializer(),
          new StringDeserializer()).readValuesToList();
      assertEquals(subject.events().stream().map(kv -> kv.value).toList(), out, "every event forwarded, in order");
      KeyValueStore<String, String> store = driver.getKeyValueStore(DecisionTopology.STORE);
      assertEquals(StreamsSubject.MACHINES, subject.events().stream().map(kv -> kv.key).distinct()
          .filter(m -> store.get(m) != null).count(), "a store entry per machine: the store is read and written");
    }
  }
}
