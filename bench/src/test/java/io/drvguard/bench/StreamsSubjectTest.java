package io.drvguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StreamsBench compares like with like: the topology it drives gives, event by event and in order,
 * the verdict and rule that {@code decideAll} gives for the same requests, one decision per event,
 * keyed by the event's machine. No timing is asserted.
 */
class StreamsSubjectTest {
  @TempDir Path stateDir;

  @Test
  void topologyDecidesTheBatchAsDecideAll() {
    Fixture fixture = Fixture.load();
    Engine engine = Fixture.engine();
    List<Request> batch = List.copyOf(fixture.mixed(400, Fixture.SEED + 7, engine::decide));
    StreamsSubject subject = StreamsSubject.of(engine, fixture, batch);

    List<String> expected = new ArrayList<>();
    for (Decision d : engine.decideAll(batch)) {
      expected.add(d.verdict().name() + " " + d.ruleId());
    }
    List<TestRecord<String, String>> decided;
    try (TopologyTestDriver driver = new TopologyTestDriver(subject.topology(), subject.config(stateDir.toString()))) {
      TestInputTopic<String, String> in =
          driver.createInputTopic(StreamsSubject.EVENTS, new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic(StreamsSubject.DECISIONS, new StringDeserializer(), new StringDeserializer());
      in.pipeKeyValueList(subject.events());
      decided = out.readRecordsToList();
    }
    assertEquals(batch.size(), decided.size(), "one decision per event");
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < decided.size(); i++) {
      assertEquals(subject.events().get(i).key, decided.get(i).key(), "decision " + i + " keyed by its machine");
      actual.add(subject.verdictAndRule(decided.get(i).value()));
    }
    assertEquals(expected, actual);
    // both verdicts occur, so agreeing is not trivial
    assertEquals(2, expected.stream().map(s -> s.split(" ")[0]).distinct().count(), "allows and denies in the batch");
  }
}
