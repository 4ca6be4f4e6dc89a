package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drvguard simulate} on the bundled example scenarios and on small ones of its own. */
class SimulateCommandTest {
  static final Path EXAMPLES = Path.of("../examples/scenarios");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void examplesShowABypassAnIoctlDenyAndAStillImageDeny() throws Exception {
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--format", "json",
        EXAMPLES.resolve("toastbus.scenario.yaml").toString(), EXAMPLES.resolve("scanner.scenario.yaml").toString());
    assertEquals(1, r.code(), "the holes are error findings: " + r.err());
    JsonNode root = JSON.readTree(r.out());
    JsonNode s2 = find(root, "s2");
    assertEquals("allow", s2.path("decision").asText());
    assertEquals("NS-8", s2.path("requirement").asText());
    assertEquals("open", s2.path("request").asText());
    assertEquals("alice", s2.path("principal").asText());
    assertEquals("\\Device\\ToastPdo0\\anything", s2.path("target").asText());
    assertTrue(s2.path("met").asBoolean());
    JsonNode s3c = find(root, "s3c");
    assertEquals("deny", s3c.path("decision").asText());
    assertEquals("STATUS_ACCESS_DENIED", s3c.path("status").asText());
    assertEquals("IOCTL-5", s3c.path("requirement").asText());
    JsonNode sti = root.path("decisions").get(root.path("decisions").size() - 1);
    assertEquals("openObject", sti.path("request").asText());
    assertEquals("deny", sti.path("decision").asText());
    assertEquals("STI-2", sti.path("requirement").asText());
    assertEquals(0, root.path("summary").path("expectations").path("failed").asInt());
    assertEquals(root.path("decisions").size(), root.path("summary").path("expectations").path("passed").asInt());
    boolean bypassReported = false;
    for (JsonNode v : root.path("violations")) {
      bypassReported |= v.path("requirement").asText().equals("NS-8") && v.path("subject").asText().equals("s2");
    }
    assertTrue(bypassReported, root.path("violations").toString());
  }

  static JsonNode find(JsonNode root, String step) {
    for (JsonNode d : root.path("decisions")) {
      if (d.path("step").asText().equals(step)) {
        return d;
      }
    }
    throw new AssertionError("no decision for step " + step);
  }

  @Test
  void decisionLogAppendsOneJsonLinePerDecision() throws Exception {
    Path log = dir.resolve("decisions.jsonl");
    Files.writeString(log, "{\"earlier\": true}\n");
    String scenario = EXAMPLES.resolve("scanner.scenario.yaml").toString();
    CheckCommandTest.run("simulate", "--decision-log", log.toString(), scenario);
    CheckCommandTest.run("simulate", "--decision-log", log.toString(), scenario);
    List<String> lines = Files.readAllLines(log);
    assertEquals(5, lines.size(), lines.toString());
    assertEquals("{\"earlier\": true}", lines.get(0));
    JsonNode last = JSON.readTree(lines.get(4));
    assertEquals("s2", last.path("step").asText());
    assertEquals("deny", last.path("decision").asText());
    assertEquals("KernelObjectOpenDenied", last.path("ruleId").asText());
  }

  @Test
  void explainShowsTheRulesThatFiredAndWhatTheyMatched() {
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--explain", EXAMPLES.resolve("scanner.scenario.yaml").toString());
    assertTrue(r.out().contains("    fired KernelObjectOpenDenied [STI-2] on ObjectOpenRequest["), r.out());
  }

  @Test
  void aFailedExpectationIsExit1AndSaysWhat() throws Exception {
    Path pkg = dir.resolve("pkg");
    Files.createDirectories(pkg);
    Files.writeString(pkg.resolve("drvguard.yaml"), """
        driver: {name: sim-t, role: legacy, dispatch: {failsRelatedOpen: true, failsNamespaceOpen: true}}
        deviceObjects:
          - {id: ctl, kind: legacy, name: '\\\\Device\\\\SimT', createdWith: IoCreateDeviceSecure, sddl: 'D:P(A;;GA;;;SY)',
             classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}', characteristics: [FILE_DEVICE_SECURE_OPEN]}
        """);
    Path sc = dir.resolve("t.scenario.yaml");
    Files.writeString(sc, """
        scenario: t
        package: pkg
        principals:
          alice: { user: 'S-1-5-21-1-2-3-1001', groups: [WD, AU, BU, IU] }
        steps:
          - id: s1
            open: { as: alice, path: '\\\\Device\\\\SimT', access: [FILE_READ_DATA] }
            expect: { decision: allow }
        """);
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", sc.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("EXPECTATION FAILED: decision: expected allow, got deny"), r.out());
    assertTrue(r.out().contains("expectations: 0 met, 1 failed"), r.out());
  }

  @Test
  void policyTargetAppliesToScenariosWithoutTheirOwn() throws Exception {
    Path pkg = dir.resolve("pkg5");
    Files.createDirectories(pkg);
    Files.writeString(pkg.resolve("drvguard.yaml"), """
        driver: {name: sim-t5, role: legacy, dispatch: {failsRelatedOpen: true, failsNamespaceOpen: false}}
        deviceObjects:
          - {id: ctl, kind: legacy, name: '\\Device\\SimT5', createdWith: IoCreateDeviceSecure,
             sddl: 'D:P(A;;GA;;;SY)(A;;GRGX;;;WD)', classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'}
        ioctls:
          - {name: IOCTL_T5_VERSION, code: 'CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)',
             justification: 'version string'}
        """);
    String steps = """
        principals:
          alice: { user: 'S-1-5-21-1-2-3-1001', groups: [WD, AU, BU, IU] }
        steps:
          # a handle with no right at all comes only from an open nobody checks (the NS-8 hole)
          - id: s1
            open: { as: alice, path: '\\Device\\SimT5\\x', access: [] }
            handle: h1
          - id: s2
            ioctl: { handle: h1, code: IOCTL_T5_VERSION }
        """;
    Path own = dir.resolve("own.scenario.yaml");
    Files.writeString(own, "scenario: own\npackage: pkg5\ntarget: win10\n" + steps);
    Path none = dir.resolve("none.scenario.yaml");
    Files.writeString(none, "scenario: none\npackage: pkg5\n" + steps);
    String denied = "-> deny STATUS_ACCESS_DENIED [IOCTL-5 IoctlNoValidatedRight]";
    String allowed = "-> allow STATUS_SUCCESS [IOCTL-2 IoctlAllowed]";

    // no target anywhere: the built-in default, Windows 10 (IOCTL-5 applies)
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", none.toString());
    assertTrue(r.out().contains(denied), r.out());
    // policy.target: a Windows XP I/O manager lets the FILE_ANY_ACCESS code through an empty handle
    r = CheckCommandTest.run("simulate", "--set", "policy.target=winxp", none.toString());
    // exit 1: the unchecked namespace open is an NS-8 finding
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("[NS-8 NamespaceOpenUnchecked]"), r.out());
    assertTrue(r.out().contains(allowed), r.out());
    assertFalse(r.out().contains(denied), r.out());
    // the scenario's own target wins over the setting
    r = CheckCommandTest.run("simulate", "--set", "policy.target=winxp", own.toString());
    assertTrue(r.out().contains(denied), r.out());
    // an unknown target is a configuration error naming the setting
    r = CheckCommandTest.run("simulate", "--set", "policy.target=win95", none.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("`policy.target` is `win95`"), r.err());
  }

  @Test
  void policyTargetAppliesToTheStaticSubsetCheck() throws Exception {
    Path pkg = dir.resolve("ud");
    Files.createDirectories(pkg);
    Files.writeString(pkg.resolve("drvguard.yaml"), """
        driver: {name: chk-ud, role: legacy}
        deviceObjects:
          - {id: ctl, kind: legacy, name: '\\Device\\ChkUd', createdWith: IoCreateDeviceSecure,
             sddl: 'D:P(A;;GA;;;SY)(A;;GRGW;;;UD)', classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'}
        """);
    CheckCommandTest.Run win10 = CheckCommandTest.run("check", "--fail-on", "never", pkg.toString());
    assertEquals(0, win10.code(), win10.out() + win10.err());
    assertFalse(win10.out().contains("SddlOutsideDeviceObjectSubset"), win10.out());
    CheckCommandTest.Run win7 = CheckCommandTest.run("check", "--set", "policy.target=win7", pkg.toString());
    assertEquals(1, win7.code(), win7.out() + win7.err());
    assertTrue(win7.out().contains("sid `UD` is an alias of the device-object subset only from Windows 8 on")
        && win7.out().contains("[OBJ-9 SddlOutsideDeviceObjectSubset]"), win7.out());
  }

  @Test
  void anUnreadableScenarioIsExit2WithFileAndLine() throws Exception {
    Path sc = dir.resolve("bad.scenario.yaml");
    Files.writeString(sc, "scenario: bad\npackage: nowhere\nsteps:\n  - id: s1\n    opne: {}\n");
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", sc.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(sc.toString()), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
