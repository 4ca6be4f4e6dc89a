package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  static void assertNoStackTrace(Run r) {
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    assertFalse(r.out().contains("\tat "), r.out());
  }

  @TempDir Path dir;

  private Path pkg(String name, String yaml) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), yaml);
    return d;
  }

  static final String RAW_PDO_INSECURE = """
      driver: {name: insecure, role: bus}
      deviceObjects:
        - {id: pdo0, kind: pdo, rawMode: true, createdWith: IoCreateDevice}
      """;
  static final String CLEAN = """
      driver: {name: clean, role: bus}
      deviceObjects:
        - {id: pdo0, kind: pdo, rawMode: true, createdWith: IoCreateDeviceSecure, sddl: 'D:P(A;;GA;;;SY)'}
      """;

  @Test
  void findingsGiveExit1AndCompilerStyleLines() throws Exception {
    Path p = pkg("bad", RAW_PDO_INSECURE);
    Run r = run("check", p.toString());
    assertEquals(1, r.code(), r.err());
    String manifest = p.resolve("drvguard.yaml").toString();
    assertTrue(r.out().contains(manifest + ":3:5: error: raw-mode PDO `pdo0`"), r.out());
    assertTrue(r.out().contains("[OBJ-1 RawPdoWithoutIoCreateDeviceSecure] (insecure/pdo0)"), r.out());
    assertTrue(r.out().contains("1 finding (1 error, 0 warning, 0 info) in 1 package"), r.out());
  }

  @Test
  void cleanPackageGivesExit0() throws Exception {
    Run r = run("check", pkg("good", CLEAN).toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("0 findings"), r.out());
  }

  @Test
  void directoriesAreSearchedRecursively() throws Exception {
    pkg("a/bad", RAW_PDO_INSECURE);
    pkg("b/good", CLEAN);
    Run r = run("check", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("in 2 packages"), r.out());
  }

  @Test
  void failOnNeverGivesExit0DespiteErrors() throws Exception {
    Run r = run("check", "--fail-on", "never", pkg("bad", RAW_PDO_INSECURE).toString());
    assertEquals(0, r.code());
  }

  @Test
  void failOnInfoCountsInfoFindings() throws Exception {
    Path p = pkg("info", """
        driver: {name: info, role: function}
        ioctls:
          - {name: IOCTL_V, code: 0x222000, justification: version only}
        """);
    assertEquals(0, run("check", p.toString()).code());
    assertEquals(1, run("check", "--fail-on", "info", p.toString()).code());
  }

  @Test
  void jsonOutputFollowsTheDesignContract() throws Exception {
    Path p = pkg("bad", RAW_PDO_INSECURE);
    Run r = run("check", "--format", "json", p.toString());
    assertEquals(1, r.code());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals("drvguard", root.path("tool").path("name").asText());
    JsonNode v = root.path("violations").get(0);
    assertEquals("RawPdoWithoutIoCreateDeviceSecure", v.path("ruleId").asText());
    assertEquals("OBJ-1", v.path("requirement").asText());
    assertEquals("error", v.path("severity").asText());
    assertEquals("insecure", v.path("package").asText());
    assertEquals("pdo0", v.path("subject").asText());
    assertEquals(p.resolve("drvguard.yaml").toString(), v.path("location").path("file").asText());
    assertEquals(3, v.path("location").path("line").asInt());
    assertFalse(v.path("waived").asBoolean());
    assertTrue(root.path("decisions").isArray());
    assertEquals(1, root.path("summary").path("violations").path("error").asInt());
    assertEquals(0, root.path("summary").path("decisions").path("allow").asInt());
    assertEquals(0, root.path("summary").path("expectations").path("failed").asInt());
  }

  @Test
  void outputOptionWritesTheReportToAFile() throws Exception {
    Path out = dir.resolve("reports/result.json");
    Run r = run("check", "--format", "json", "--output", out.toString(), pkg("bad", RAW_PDO_INSECURE).toString());
    assertEquals(1, r.code());
    assertEquals("", r.out());
    assertEquals("OBJ-1", new ObjectMapper().readTree(out.toFile()).path("violations").get(0).path("requirement").asText());
  }

  @Test
  void missingPathIsExit2NamingIt() {
    Path missing = dir.resolve("nope");
    Run r = run("check", missing.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(missing + ": file_not_found"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void malformedYamlIsExit2WithFileAndLine() throws Exception {
    Path p = pkg("broken", "driver:\n  name: x\n  role: [bus\n");
    Run r = run("check", p.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(p.resolve("drvguard.yaml") + ":"), r.err());
    assertTrue(r.err().contains("yaml_syntax_error"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void unknownKeyIsExit2WithFileLineAndKeyPath() throws Exception {
    Path p = pkg("typo", "driver: {name: x, role: bus}\ndeviceObject: []\n");
    Run r = run("check", p.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(p.resolve("drvguard.yaml") + ":2:1: manifest_unknown_key: unknown key `deviceObject`"),
        r.err());
    assertNoStackTrace(r);
  }

  @Test
  void wrongTypeIsExit2() throws Exception {
    Path p = pkg("type", "driver: {name: x, role: bus}\ndeviceObjects:\n  - {id: a, kind: pdo, rawMode: 7}\n");
    Run r = run("check", p.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(":3:") && r.err().contains("manifest_wrong_type"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void badInputIsReportedAndTheRestStillChecked() throws Exception {
    pkg("a", RAW_PDO_INSECURE);
    Path bad = pkg("b", "driver: {name: x, role: bus}\nbogus: 1\n");
    Run r = run("check", "--format", "json", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad.resolve("drvguard.yaml") + ":2:1: manifest_unknown_key"), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals("OBJ-1", root.path("violations").get(0).path("requirement").asText());
    JsonNode e = root.path("errors").get(0);
    assertEquals(bad.resolve("drvguard.yaml").toString(), e.path("file").asText());
    assertEquals(2, e.path("line").asInt());
    assertEquals("manifest_unknown_key", e.path("code").asText());
  }

  @Test
  void configOverridesSeverityByRequirement() throws Exception {
    Path cfg = dir.resolve("cfg.yaml");
    Files.writeString(cfg, "severity:\n  OBJ-1: warning\n");
    Path p = pkg("bad", RAW_PDO_INSECURE);
    Run r = run("check", "--config", cfg.toString(), p.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains(": warning: raw-mode PDO"), r.out());
    assertEquals(1, run("check", "--config", cfg.toString(), "--fail-on", "warning", p.toString()).code());
  }

  @Test
  void configWithUnknownIdIsExit2AtItsLine() throws Exception {
    Path cfg = dir.resolve("cfg.yaml");
    Files.writeString(cfg, "severity:\n  OBJ-1: warning\n  NoSuchRule: info\n");
    Run r = run("check", "--config", cfg.toString(), pkg("bad", RAW_PDO_INSECURE).toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(cfg + ":3:3: config_unknown_id: `severity.NoSuchRule` names no rule and no requirement"),
        r.err());
    assertNoStackTrace(r);
  }

  @Test
  void configPolicyWidensTheStrongSet() throws Exception {
    Path cfg = dir.resolve("cfg.yaml");
    Files.writeString(cfg, "policy:\n  strongPrincipals: [SY, BA]\n");
    Path p = pkg("admins", """
        driver: {name: admins, role: bus}
        deviceObjects:
          - {id: pdo0, kind: pdo, rawMode: true, createdWith: IoCreateDeviceSecure, sddl: 'D:P(A;;GA;;;SY)(A;;GA;;;BA)'}
        """);
    assertEquals(1, run("check", p.toString()).code());
    assertEquals(0, run("check", "--config", cfg.toString(), p.toString()).code());
  }

  @Test
  void configWithBadSeverityValue() throws Exception {
    Path cfg = dir.resolve("cfg.yaml");
    Files.writeString(cfg, "severity:\n  OBJ-1: fatal\n");
    Run r = run("check", "--config", cfg.toString(), pkg("bad", RAW_PDO_INSECURE).toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(cfg + ":2:3: config_bad_value"), r.err());
  }

  @Test
  void unparsableSddlInAPackageIsAFindingNotAnError() throws Exception {
    Path p = pkg("sddl", """
        driver: {name: sddl, role: bus}
        deviceObjects:
          - {id: pdo0, kind: pdo, rawMode: true, createdWith: IoCreateDeviceSecure, sddl: 'D:P(A;;GA;;;SY'}
        """);
    Run r = run("check", p.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("[OBJ-9 MalformedSddl]"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void unknownOptionIsAUsageErrorExit2() {
    Run r = run("check", "--frobnicate", "x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("usage_error"), r.err());
  }

  @Test
  void noCommandIsAUsageError() {
    Run r = run();
    assertEquals(2, r.code());
  }

  @Test
  void rulesListJsonHasTheCatalogShape() throws Exception {
    Run r = run("rules", "list", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode arr = new ObjectMapper().readTree(r.out());
    assertTrue(arr.isArray() && arr.size() >= 3);
    boolean found = false;
    for (JsonNode n : arr) {
      if (n.path("id").asText().equals("UserModeIoctlAnyAccess")) {
        found = true;
        assertEquals("IOCTL-3", n.path("requirement").asText());
        assertEquals("warning", n.path("severity").asText());
        assertEquals("bundled", n.path("source").asText());
        assertFalse(n.path("title").asText().isEmpty());
      }
    }
    assertTrue(found, r.out());
  }

  @Test
  void versionAndHelpExit0() {
    assertEquals(0, run("--version").code());
    Run h = run("check", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--fail-on"), h.out());
  }
}
