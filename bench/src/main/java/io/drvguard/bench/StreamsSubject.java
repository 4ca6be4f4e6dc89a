package io.drvguard.bench;

import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Request;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;

/**
 * What {@link StreamsBench} drives through a TopologyTestDriver: a topology that reads
 * {@link #EVENTS} keyed by machine and writes one record to {@link #DECISIONS} per event, and the
 * events (made before timing) whose decisions are those of {@code engine.decideAll(batch)}, so that
 * the topology and {@code decideAll} do the same work in the same run.
 */
public interface StreamsSubject {
  String EVENTS = "drvguard.events";
  String DECISIONS = "drvguard.decisions";

  /** The topology under measurement. */
  Topology topology();

  /** Its streams configuration; {@code stateDir} is a fresh directory for its state stores. */
  Properties config(String stateDir);

  /** The events of the batch in order: key the machine, value the event's JSON (DESIGN.md). */
  List<KeyValue<String, String>> events();

  /** Each decision record's verdict and rule, as {@code "ALLOW SomeRule"}, to compare with the engine's. */
  String verdictAndRule(String decisionJson);

  /**
   * The subject for a batch of the fixture's requests.
   *
   * <p>TODO(streams-core): return a subject around the real DecisionTopology once branch
   * streams-core is merged. Its events must then be the batch's scenario steps (with, per machine,
   * the opens that create the handles the IOCTLs name, which the real topology keeps in its state
   * store), and {@code config} must name a package directory holding {@code fixture.directory()}.
   */
  static StreamsSubject of(Engine engine, Fixture fixture, List<Request> batch) {
    return new PlaceholderStreams(engine, fixture, batch);
  }
}
