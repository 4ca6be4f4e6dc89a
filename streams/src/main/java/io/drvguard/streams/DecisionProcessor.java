package io.drvguard.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.InputException;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one processor of {@link DecisionTopology}: reads each event, decides it with an
 * {@link EventDecider} against the machine's state in the store, and forwards the decision, the
 * findings and the events that do not read to their sinks. Nothing thrown by an event stops the
 * stream: what does not read goes to the dead-letter sink, what fails while deciding is denied.
 */
final class DecisionProcessor implements Processor<String, String, String, String> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EventDecider decider;
  private ProcessorContext<String, String> context;
  private EventDecider.StateStore store;

  DecisionProcessor(EventDecider decider) {
    this.decider = decider;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    KeyValueStore<String, String> kv = context.getStateStore(DecisionTopology.STORE);
    this.store = new EventDecider.StateStore() {
      @Override
      public String get(String key) {
        return kv.get(key);
      }

      @Override
      public void put(String key, String state) {
        kv.put(key, state);
      }
    };
  }

  @Override
  public void process(Record<String, String> record) {
    Optional<RecordMetadata> meta = context.recordMetadata();
    String where = meta.map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("event");
    Optional<EventDecider.Outcome> outcome;
    try {
      Event event = EventReader.read(record.key(), record.value(), where);
      outcome = decider.decide(event, store);
    } catch (InputException | RuntimeException e) {
      context.forward(record.withValue(deadLetter(record, meta, e)), DecisionTopology.DEAD_LETTERS);
      return;
    }
    outcome.ifPresent(o -> {
      context.forward(record.withValue(o.decision().toString()), DecisionTopology.DECISIONS);
      o.violations().forEach(v -> context.forward(record.withValue(v.toString()), DecisionTopology.VIOLATIONS));
    });
  }

  private static String deadLetter(Record<String, String> record, Optional<RecordMetadata> meta, Exception e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    o.put("value", record.value());
    o.put("topic", meta.map(RecordMetadata::topic).orElse(null));
    if (meta.isPresent()) {
      o.put("partition", meta.get().partition());
      o.put("offset", meta.get().offset());
    } else {
      o.putNull("partition");
      o.putNull("offset");
    }
    return o.toString();
  }
}
