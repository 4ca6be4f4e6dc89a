package io.drvguard.bench;

import io.drvguard.streams.DecisionTopology;
import io.drvguard.streams.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What Kafka Streams itself costs per event, the ceiling of any topology that decides events one
 * record at a time: {@link DecisionTopology}'s source, persistent store and sinks, with a processor
 * that does no work of ours. Each record reads the machine's entry in the store, writes the event
 * there, and forwards the event as its decision (no parsing, no engine, no JSON written).
 */
final class PassThroughTopology {
  private PassThroughTopology() {}

  static Topology build(Topics topics) {
    Topology t = new Topology();
    t.addSource("events", Serdes.String().deserializer(), Serdes.String().deserializer(), topics.events());
    t.addProcessor("decide", Forward::new, "events");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DecisionTopology.STORE),
        Serdes.String(), Serdes.String()), "decide");
    t.addSink("decisions", topics.decisions(), Serdes.String().serializer(), Serdes.String().serializer(), "decide");
    return t;
  }

  private static final class Forward implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> store;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
      this.store = context.getStateStore(DecisionTopology.STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      String before = store.get(record.key());
      store.put(record.key(), before == null || before.length() != record.value().length() ? record.value() : before);
      context.forward(record);
    }
  }
}
