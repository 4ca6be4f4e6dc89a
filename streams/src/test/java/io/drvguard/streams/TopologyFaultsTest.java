package io.drvguard.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drvguard.adapters.PackageReader;
import io.drvguard.engine.Evaluation;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.request.Request;
import io.drvguard.library.Drvguard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What does not go to plan keeps the stream going: an event that does not read goes to the
 * dead-letter topic with the reason and the next one is decided; an event for a package this
 * instance does not have, and one whose evaluation throws, are denied fail closed with the reason.
 */
class TopologyFaultsTest {
  private static final String ALICE = "\"principal\":{\"name\":\"alice\",\"user\":\"S-1-5-21-1-2-3-1001\","
      + "\"groups\":[\"WD\",\"AU\",\"BU\",\"IU\"]}";
  private static final String OPEN = "{\"machine\":\"m1\",\"package\":\"toastbus-vulnerable\"," + ALICE
      + ",\"step\":{\"id\":\"s1\",\"open\":{\"as\":\"alice\",\"path\":\"\\\\Device\\\\ToastPdo0\","
      + "\"access\":[\"FILE_READ_DATA\"]},\"handle\":\"h1\"}}";
  private static final String IOCTL = "{\"machine\":\"m1\",\"package\":\"toastbus-vulnerable\"," + ALICE
      + ",\"step\":{\"id\":\"s2\",\"ioctl\":{\"handle\":\"h1\",\"code\":\"IOCTL_TOAST_EJECT\"}}}";

  private static Drvguard drvguard;
  private static DriverPackage toastbus;

  @TempDir Path stateDir;

  @BeforeAll
  static void load() throws Exception {
    drvguard = Drvguard.withBundledRules();
    toastbus = new PackageReader().read(Path.of("../examples/toastbus-vulnerable/drvguard.yaml"));
  }

  private Replay.Session session(Function<Request, Evaluation> engine) {
    PackageRegistry registry = PackageRegistry.of(drvguard.engine().settings().policy(), toastbus);
    return new Replay.Session(new EventDecider(registry, engine), Replay.properties("faults", stateDir));
  }

  private Replay.Session session() {
    return session(r -> drvguard.evaluate(r, false));
  }

  @Test
  void malformedEventsGoToTheDeadLetterTopicAndTheNextIsDecided() {
    List<String> bad = List.of(
        "not json at all",
        OPEN.replace("\"open\"", "\"frobnicate\""),
        OPEN.replace(ALICE + ",", ""),
        OPEN.replace("\"access\":[\"FILE_READ_DATA\"]", "\"access\":[\"FILE_READ_DATUM\"]"),
        OPEN.replace("\"machine\":\"m1\"", "\"machine\":\"m2\""));
    try (Replay.Session s = session()) {
      for (int i = 0; i < bad.size(); i++) {
        s.send("m1", bad.get(i));
        List<JsonNode> dead = s.deadLetters();
        assertEquals(1, dead.size(), bad.get(i));
        JsonNode d = dead.get(0);
        assertEquals(bad.get(i), d.path("value").asText());
        assertEquals(Topics.DEFAULTS.events(), d.path("topic").asText());
        assertEquals(0, d.path("partition").asInt());
        assertEquals(i, d.path("offset").asLong());
        assertFalse(d.path("error").asText().isBlank());
        assertTrue(s.decisions().isEmpty(), "a dead letter is not decided");
      }
      s.send("m1", OPEN);
      List<JsonNode> ds = s.decisions();
      assertEquals(1, ds.size());
      assertEquals("allow", ds.get(0).path("decision").asText());
      assertEquals("m1", ds.get(0).path("machine").asText());
      assertTrue(s.deadLetters().isEmpty());
    }
  }

  @Test
  void theDeadLetterSaysWhatIsWrong() {
    try (Replay.Session s = session()) {
      s.send("m1", OPEN.replace("\"open\"", "\"frobnicate\""));
      String error = s.deadLetters().get(0).path("error").asText();
      assertTrue(error.contains("frobnicate"), error);
    }
  }

  @Test
  void anUnknownPackageIsDeniedWithTheReason() {
    try (Replay.Session s = session()) {
      s.send("m1", OPEN.replace("toastbus-vulnerable", "nosuchdriver"));
      List<JsonNode> ds = s.decisions();
      assertEquals(1, ds.size());
      JsonNode d = ds.get(0);
      assertEquals("deny", d.path("decision").asText());
      assertEquals("STATUS_ACCESS_DENIED", d.path("status").asText());
      assertEquals(EventDecider.FAIL_CLOSED, d.path("ruleId").asText());
      assertEquals("NS-1", d.path("requirement").asText());
      assertEquals("s1", d.path("step").asText());
      assertEquals("nosuchdriver", d.path("package").asText());
      assertTrue(d.path("reason").asText().contains("nosuchdriver"), d.toString());
      assertTrue(d.path("reason").asText().contains("toastbus-vulnerable"), "names the packages it has: " + d);
      assertTrue(s.deadLetters().isEmpty());
      // a step that does not read is a dead letter, known package or not
      s.send("m1", OPEN.replace("toastbus-vulnerable", "nosuchdriver").replace("\"open\"", "\"frobnicate\""));
      assertEquals(1, s.deadLetters().size());
      assertTrue(s.decisions().isEmpty());
    }
  }

  @Test
  void anEngineThatThrowsDeniesFailClosedAndChangesNothing() {
    AtomicInteger calls = new AtomicInteger();
    try (Replay.Session s = session(r -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("rule session lost");
      }
      return drvguard.evaluate(r, false);
    })) {
      s.send("m1", OPEN);
      JsonNode d = s.decisions().get(0);
      assertEquals("deny", d.path("decision").asText());
      assertEquals(EventDecider.FAIL_CLOSED, d.path("ruleId").asText());
      assertEquals("NS-1", d.path("requirement").asText());
      assertTrue(d.path("reason").asText().contains("rule session lost"), d.toString());
      assertTrue(d.path("reason").asText().endsWith("denied (fail closed)"), d.toString());
      // the failed open bound no handle: the IOCTL on it is refused as on a handle never opened
      s.send("m1", IOCTL);
      JsonNode i = s.decisions().get(0);
      assertEquals("deny", i.path("decision").asText());
      assertNull(s.driver().<String, String>getKeyValueStore(DecisionTopology.STORE)
          .get(EventDecider.stateKey("m1", "toastbus-vulnerable")), "a deny stores nothing");
      // once the engine works, the same open is allowed and the IOCTL goes through
      s.send("m1", OPEN);
      assertEquals("allow", s.decisions().get(0).path("decision").asText());
      s.send("m1", IOCTL);
      assertEquals("allow", s.decisions().get(0).path("decision").asText());
    }
  }

  @Test
  void machinesKeepTheirOwnState() {
    try (Replay.Session s = session()) {
      s.send("m1", OPEN);
      s.decisions();
      s.send("m2", IOCTL.replace("\"machine\":\"m1\"", "\"machine\":\"m2\""));
      assertEquals("deny", s.decisions().get(0).path("decision").asText(), "m2 has no handle h1");
      s.send("m1", IOCTL);
      assertEquals("allow", s.decisions().get(0).path("decision").asText(), "m1 has");
    }
  }

  @Test
  void packagesAreLoadedFromAFolder() {
    PackageRegistry r = PackageRegistry.load(Path.of("../examples"), drvguard.engine().settings().policy());
    assertTrue(r.names().contains("toastbus-vulnerable"), r.names().toString());
    assertTrue(r.get("toastbus-vulnerable").isPresent());
    assertTrue(r.get("nosuchdriver").isEmpty());
  }
}
