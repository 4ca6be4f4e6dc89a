package io.drvguard.streams.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.PackageReader;
import io.drvguard.library.Drvguard;
import io.drvguard.streams.DecisionTopology;
import io.drvguard.streams.EventDecider;
import io.drvguard.streams.PackageRegistry;
import io.drvguard.streams.Replay;
import io.drvguard.streams.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, point 5: the streams application against a real broker, not TopologyTestDriver. Kafka's
 * own KRaft test kit starts one combined controller+broker node in this JVM; the topics of DESIGN.md
 * ("Runtime event streams") are created, events from a few machines are produced keyed by machine,
 * the topology runs with exactly_once_v2, and the outputs are read with read_committed, so only
 * what the application's transactions committed is seen. The application is closed after each
 * machine's first steps and started again with the same application id and state directory
 * (issue 15, point 4, with a real KafkaStreams instance); the later steps need the state the first
 * run stored. The decisions must equal those TopologyTestDriver gives for the same events. Run by
 * failsafe in {@code verify}.
 *
 * <p>Cost, measured on 2026-12-06 on the 2-core build machine: the kit and the broker it brings
 * (kafka_2.13, kafka-server, raft, metadata, storage, the Scala library, the 4.3.1 kafka-clients
 * test jar, Bouncy Castle) add about 32 MB of jars to the test class path; the broker is up in
 * 4-5 s; with the real topology and the restart, the whole test takes about 20 s (failsafe's
 * figure), inside issue 15's 60 s.
 */
class BrokerIT {

    static final String EVENTS = "drvguard.events";
    static final String DECISIONS = "drvguard.decisions";
    static final String VIOLATIONS = "drvguard.violations";
    static final String DEAD_LETTERS = "drvguard.events.dlq";

    /** The package the machines run, from the repository's examples. */
    static final Path PACKAGE = Path.of("../examples/toastbus-vulnerable/drvguard.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MACHINES = List.of("ws-0001", "ws-0002", "ws-0003", "srv-0001");
    private static final int STEPS_PER_MACHINE = 5;
    /** The application is closed and started again after each machine's first this many steps. */
    private static final int RESTART_AFTER = 2;
    /** Long enough for a cold start on 2 shared cores; the whole test is meant to stay under 60 s. */
    private static final Duration OUTPUT_DEADLINE = Duration.ofSeconds(40);
    /**
     * {@code -Ddrvguard.brokerit.load=N} (0 by default, so CI does not pay for it): N more events, from
     * 64 other machines, are produced before the application starts, and the events decided per
     * second from its start to the last committed decision are printed: Kafka Streams' rate on one
     * stream thread against a broker, without TopologyTestDriver's per-record commit.
     */
    private static final int LOAD_EVENTS = Integer.getInteger("drvguard.brokerit.load", 0);

    @TempDir Path tmp;

    @Test
    void decidesEventsFromSeveralMachinesExactlyOnceThroughARealBrokerAcrossARestart() throws Exception {
        long t0 = System.nanoTime();
        try (KafkaClusterTestKit cluster = startBroker()) {
            long brokerMs = millisSince(t0);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                // two partitions at least, so that keeping a machine's events together is exercised
                admin.createTopics(List.of(
                        new NewTopic(EVENTS, 2, (short) 1),
                        new NewTopic(DECISIONS, 2, (short) 1),
                        new NewTopic(VIOLATIONS, 2, (short) 1),
                        new NewTopic(DEAD_LETTERS, 1, (short) 1))).all().get();
            }
            List<String> malformed = List.of("{\"machine\": \"ws-0001\", \"step\": ", "not json at all");
            Properties config = streamsConfig(cluster.bootstrapServers());
            Drvguard drvguard = Drvguard.withBundledRules();
            PackageRegistry registry = PackageRegistry.of(drvguard.engine().settings().policy(),
                    new PackageReader().read(PACKAGE));
            EventDecider decider = new EventDecider(registry, r -> drvguard.evaluate(r, false));

            // the first run decides each machine's first two steps (the open that makes h1 among
            // them) and is then closed: a restart in the middle of every machine's events
            produce(cluster.bootstrapServers(), 1, RESTART_AFTER, List.of(), 0);
            long t1 = System.nanoTime();
            try (KafkaStreams first = new KafkaStreams(DecisionTopology.build(Topics.DEFAULTS, decider), config)) {
                first.start();
                consumeCommitted(cluster.bootstrapServers(), Map.of(DECISIONS, MACHINES.size() * RESTART_AFTER));
                // leaving the group lets the next run take the partitions at once, instead of after
                // the session timeout (45 s) in which the group still counts the closed member
                first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            long firstMs = millisSince(t1) - 1000;

            // the second run, same application id and state directory, takes the rest: its IOCTLs
            // can only be decided with the handles the first run stored
            produce(cluster.bootstrapServers(), RESTART_AFTER + 1, STEPS_PER_MACHINE, malformed, LOAD_EVENTS);
            long t2 = System.nanoTime();
            try (KafkaStreams app = new KafkaStreams(DecisionTopology.build(Topics.DEFAULTS, decider), config)) {
                app.start();
                int events = MACHINES.size() * STEPS_PER_MACHINE + LOAD_EVENTS;
                Map<String, List<ConsumerRecord<String, String>>> out = consumeCommitted(
                        cluster.bootstrapServers(), Map.of(DECISIONS, events, DEAD_LETTERS, malformed.size()),
                        OUTPUT_DEADLINE.plusSeconds(LOAD_EVENTS / 1000));
                // less the grace second in which consumeCommitted looks for duplicates
                long streamsMs = millisSince(t2) - 1000;
                int secondEvents = events - MACHINES.size() * RESTART_AFTER + malformed.size();
                System.out.printf("BrokerIT: broker up in %d ms; first run started and decided %d events in %d ms;"
                        + " restarted run decided %d more in %d ms%s%n", brokerMs, MACHINES.size() * RESTART_AFTER,
                        firstMs, secondEvents, streamsMs,
                        LOAD_EVENTS == 0 ? "" : String.format(Locale.ROOT, " (%.0f events/s, start included)",
                                secondEvents * 1000.0 / streamsMs));

                assertDecisionsKeptPerMachineOrder(out.get(DECISIONS));
                assertSameAsWithoutABroker(out.get(DECISIONS), decider);
                assertEquals(malformed.size(), out.get(DEAD_LETTERS).size(), "one dead letter per malformed event");
                for (ConsumerRecord<String, String> dead : out.get(DEAD_LETTERS)) {
                    JsonNode letter = JSON.readTree(dead.value());
                    assertTrue(malformed.contains(letter.path("value").asText()), dead.value());
                    assertTrue(!letter.path("error").asText().isBlank(), "the parse error is named: " + dead.value());
                }
            }
        }
    }

    private KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(tmp.resolve("kraft"))
                        .build())
                // one node: every internal topic has one replica, and few partitions start faster
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private Properties streamsConfig(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "drvguard-broker-it");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(tmp.resolve("state")).toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    /** Steps {@code from..to} of each machine interleaved across machines, then the malformed and load events. */
    private static void produce(String bootstrap, int from, int to, List<String> malformed, int load) throws Exception {
        Map<String, Object> cfg = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
            for (int step = from; step <= to; step++) {
                for (String machine : MACHINES) {
                    producer.send(new ProducerRecord<>(EVENTS, machine, event(machine, step)));
                }
            }
            for (String bad : malformed) {
                producer.send(new ProducerRecord<>(EVENTS, "ws-0001", bad));
            }
            for (int i = 0; i < load; i++) {
                String machine = String.format(Locale.ROOT, "load-%04d", i % 64);
                producer.send(new ProducerRecord<>(EVENTS, machine, event(machine, i / 64 + 1)));
            }
            producer.flush();
        }
    }

    /**
     * An event as DESIGN.md describes it: machine, package, principal, and one scenario step. Step 1
     * opens handle h1; the later ones send an IOCTL on it, which only the machine's stored state
     * (the handle and its granted access) can decide.
     */
    static String event(String machine, int step) {
        ObjectNode e = JSON.createObjectNode();
        e.put("machine", machine);
        e.put("package", "toastbus-vulnerable");
        ObjectNode principal = e.putObject("principal");
        principal.put("name", "alice");
        principal.put("user", "S-1-5-21-1-2-3-1001");
        principal.putArray("groups").add("WD").add("AU").add("BU").add("IU");
        principal.putArray("privileges");
        ObjectNode s = e.putObject("step");
        s.put("id", "step-" + step);
        if (step == 1) {
            ObjectNode open = s.putObject("open");
            open.put("as", "alice");
            open.put("path", "\\Device\\ToastPdo0");
            open.putArray("access").add("FILE_READ_DATA");
            s.put("handle", "h1");
        } else {
            ObjectNode ioctl = s.putObject("ioctl");
            ioctl.put("handle", "h1");
            ioctl.put("code", step % 2 == 0 ? "IOCTL_TOAST_EJECT" : "IOCTL_TOAST_GET_STATUS");
        }
        return e.toString();
    }

    /**
     * What the broker run committed is what the same events give through TopologyTestDriver (no
     * broker): the decisions of each machine, in its order, field by field.
     */
    private void assertSameAsWithoutABroker(List<ConsumerRecord<String, String>> decisions, EventDecider decider)
            throws Exception {
        Map<String, List<JsonNode>> got = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : decisions) {
            got.computeIfAbsent(r.key(), m -> new ArrayList<>()).add(JSON.readTree(r.value()));
        }
        try (Replay.Session local = new Replay.Session(decider,
                Replay.properties("broker-it-local", Files.createDirectories(tmp.resolve("local-state"))))) {
            for (String machine : MACHINES) {
                List<JsonNode> expected = new ArrayList<>();
                for (int step = 1; step <= STEPS_PER_MACHINE; step++) {
                    local.send(machine, event(machine, step));
                    expected.addAll(local.decisions());
                }
                assertEquals(expected, got.get(machine), "decisions of " + machine);
                // the IOCTLs were decided on the handle the open made, not as on a handle never opened
                assertEquals("allow", expected.get(0).path("decision").asText(), expected.get(0).toString());
                assertTrue(expected.stream().skip(1).noneMatch(d -> d.path("reason").asText().contains("not open")),
                        expected.toString());
            }
        }
    }

    private static Map<String, List<ConsumerRecord<String, String>>> consumeCommitted(
            String bootstrap, Map<String, Integer> expected) {
        return consumeCommitted(bootstrap, expected, OUTPUT_DEADLINE);
    }

    private static Map<String, List<ConsumerRecord<String, String>>> consumeCommitted(
            String bootstrap, Map<String, Integer> expected, Duration deadlineAfter) {
        Map<String, Object> cfg = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "drvguard-broker-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<ConsumerRecord<String, String>>> got = new LinkedHashMap<>();
        expected.keySet().forEach(t -> got.put(t, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(expected.keySet());
            long deadline = System.nanoTime() + deadlineAfter.toNanos();
            while (!complete(got, expected) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> got.get(r.topic()).add(r));
            }
            // a little longer, so that duplicates (which exactly-once must not produce) would show up
            long grace = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < grace) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> got.get(r.topic()).add(r));
            }
        }
        expected.forEach((topic, n) -> assertEquals(n, got.get(topic).size(),
                "committed records on " + topic + " within " + deadlineAfter.toSeconds() + " s"));
        return got;
    }

    private static boolean complete(Map<String, List<ConsumerRecord<String, String>>> got, Map<String, Integer> expected) {
        return expected.entrySet().stream().allMatch(e -> got.get(e.getKey()).size() >= e.getValue());
    }

    /** Every decision is keyed by its machine, and each machine's steps come out once each, in order. */
    private static void assertDecisionsKeptPerMachineOrder(List<ConsumerRecord<String, String>> decisions)
            throws Exception {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : decisions) {
            JsonNode d = JSON.readTree(r.value());
            assertEquals(r.key(), d.path("machine").asText(), "decision keyed by its machine: " + r.value());
            steps.computeIfAbsent(r.key(), m -> new ArrayList<>()).add(d.path("step").asText());
        }
        List<String> inOrder = new ArrayList<>();
        for (int step = 1; step <= STEPS_PER_MACHINE; step++) {
            inOrder.add("step-" + step);
        }
        for (String machine : MACHINES) {
            assertEquals(inOrder, steps.get(machine), "steps of " + machine);
        }
    }

    private static long millisSince(long t) {
        return (System.nanoTime() - t) / 1_000_000;
    }
}
