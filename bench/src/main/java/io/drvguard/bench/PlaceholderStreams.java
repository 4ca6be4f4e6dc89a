package io.drvguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.engine.Engine;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * TODO(streams-core): a stand-in for the real topology until branch streams-core is merged, so
 * that the figures it gives are Kafka Streams' own cost around {@code Engine.decide}, not the real
 * application's. Per event it does what the real one will at least do: parse the JSON event, read
 * and write the machine's entry in a persistent (RocksDB) store, decide with the engine, and write
 * a JSON decision. It does not resolve the step through the device model: the request is looked up,
 * already resolved by the fixture, by the step's id.
 */
final class PlaceholderStreams implements StreamsSubject {
  static final int MACHINES = 16;
  private static final String STORE = "placeholder-machine-state";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Engine engine;
  private final Map<String, Request> byStepId = new HashMap<>();
  private final List<KeyValue<String, String>> events = new ArrayList<>();

  PlaceholderStreams(Engine engine, Fixture fixture, List<Request> batch) {
    this.engine = engine;
    Map<String, Token> tokens = new HashMap<>();
    for (Principal p : fixture.principalList()) {
      tokens.put(p.name(), p.token());
    }
    for (int i = 0; i < batch.size(); i++) {
      Request r = batch.get(i);
      if (byStepId.put(r.id(), r) != null) {
        throw new IllegalArgumentException("two requests of the batch have the id " + r.id());
      }
      String machine = String.format(Locale.ROOT, "ws-%04d", i % MACHINES);
      events.add(KeyValue.pair(machine, event(machine, fixture.pkg().name(), r, tokens)));
    }
  }

  /** The event as DESIGN.md shapes it, the step written as a scenario step. */
  private static String event(String machine, String pkg, Request r, Map<String, Token> tokens) {
    ObjectNode e = JSON.createObjectNode();
    e.put("machine", machine);
    e.put("package", pkg);
    String who;
    if (r instanceof OpenRequest o) {
      who = o.principal();
    } else if (r instanceof IoctlRequest io) {
      who = io.principal();
    } else {
      throw new IllegalArgumentException("not an open or an IOCTL: " + r);
    }
    Token token = tokens.get(who);
    ObjectNode principal = e.putObject("principal");
    principal.put("user", token.user().toString());
    ArrayNode groups = principal.putArray("groups");
    for (Sid g : token.groups()) {
      groups.add(g.toString());
    }
    ArrayNode privileges = principal.putArray("privileges");
    token.privileges().forEach(privileges::add);
    ObjectNode step = e.putObject("step");
    step.put("id", r.id());
    if (r instanceof OpenRequest o) {
      ObjectNode open = step.putObject("open");
      open.put("as", who);
      open.put("path", o.path());
      open.put("access", String.format(Locale.ROOT, "0x%08X", o.desiredAccess()));
    } else if (r instanceof IoctlRequest io) {
      ObjectNode ioctl = step.putObject("ioctl");
      ioctl.put("handle", io.handle());
      ioctl.put("code", io.ioctlName() != null ? io.ioctlName() : io.code().toString());
    }
    return e.toString();
  }

  @Override
  public Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long()));
    builder.stream(EVENTS, Consumed.with(Serdes.String(), Serdes.String()))
        .processValues(() -> new Decide(engine, byStepId), STORE)
        .to(DECISIONS, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Override
  public Properties config(String stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "drvguard-bench");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    return p;
  }

  @Override
  public List<KeyValue<String, String>> events() {
    return events;
  }

  @Override
  public String verdictAndRule(String decisionJson) {
    try {
      JsonNode d = JSON.readTree(decisionJson);
      return d.path("verdict").asText() + " " + d.path("rule").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Decide implements FixedKeyProcessor<String, String, String> {
    private final Engine engine;
    private final Map<String, Request> byStepId;
    private FixedKeyProcessorContext<String, String> context;
    private KeyValueStore<String, Long> machines;

    Decide(Engine engine, Map<String, Request> byStepId) {
      this.engine = engine;
      this.byStepId = byStepId;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, String> context) {
      this.context = context;
      this.machines = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, String> record) {
      ObjectNode out = JSON.createObjectNode();
      try {
        JsonNode event = JSON.readTree(record.value());
        String machine = event.path("machine").asText();
        Long seen = machines.get(machine);
        machines.put(machine, seen == null ? 1 : seen + 1);
        String id = event.path("step").path("id").asText();
        out.put("machine", machine);
        out.put("id", id);
        Request request = byStepId.get(id);
        if (request == null) {
          out.put("verdict", "DENY");
          out.put("reason", "no request was prepared for step " + id);
        } else {
          Decision d = engine.decide(request);
          out.put("verdict", d.verdict().name());
          out.put("status", String.valueOf(d.status()));
          out.put("granted", d.grantedAccess());
          out.put("rule", d.ruleId());
          out.put("requirement", d.requirement());
          out.put("reason", d.reason());
        }
      } catch (IOException e) {
        out.put("verdict", "DENY");
        out.put("reason", "malformed event: " + e.getMessage());
      }
      context.forward(record.withValue(out.toString()));
    }
  }
}
