package io.drvguard.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology: events keyed by machine in, one {@link DecisionProcessor} with a persistent
 * key-value store of each machine's device-model state per package (logged to a changelog topic,
 * so a restarted or moved task gets it back), and three sinks: decisions, violations and dead
 * letters. Keys and values are strings (the values JSON), so any client can produce and read them.
 */
public final class DecisionTopology {
  /** The state store: {@link EventDecider#stateKey} to {@link io.drvguard.adapters.sim.DeviceStateJson} text. */
  public static final String STORE = "drvguard-machine-state";
  static final String SOURCE = "events";
  static final String PROCESSOR = "decide";
  static final String DECISIONS = "decisions";
  static final String VIOLATIONS = "violations";
  static final String DEAD_LETTERS = "dead-letters";

  private DecisionTopology() {}

  /** The topology reading and writing {@code topics}, deciding with {@code decider}. */
  public static Topology build(Topics topics, EventDecider decider) {
    Topology t = new Topology();
    t.addSource(SOURCE, Serdes.String().deserializer(), Serdes.String().deserializer(), topics.events());
    t.addProcessor(PROCESSOR, () -> new DecisionProcessor(decider), SOURCE);
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String()),
        PROCESSOR);
    t.addSink(DECISIONS, topics.decisions(), Serdes.String().serializer(), Serdes.String().serializer(), PROCESSOR);
    t.addSink(VIOLATIONS, topics.violations(), Serdes.String().serializer(), Serdes.String().serializer(), PROCESSOR);
    t.addSink(DEAD_LETTERS, topics.deadLetters(), Serdes.String().serializer(), Serdes.String().serializer(), PROCESSOR);
    return t;
  }
}
