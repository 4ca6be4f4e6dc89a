package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  /**
   * The OASIS schema from the test resources (see sarif/SOURCE.md). Its id is mapped to the classpath,
   * so nothing is fetched; format keywords (uri, uri-reference, date-time) are asserted.
   */
  @BeforeAll
  static void loadSchema() {
    String base = SarifReportWriter.SCHEMA.substring(0, SarifReportWriter.SCHEMA.lastIndexOf('/') + 1);
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
        b -> b.schemaMappers(m -> m.mapPrefix(base, "classpath:sarif/")));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    schema = factory.getSchema(SchemaLocation.of(SarifReportWriter.SCHEMA), config);
  }

  static Set<ValidationMessage> validate(JsonNode doc) {
    return schema.validate(doc);
  }

  static void assertValid(JsonNode doc) {
    Set<ValidationMessage> errors = validate(doc);
    assertTrue(errors.isEmpty(), () -> "not valid SARIF 2.1.0: " + errors + "\n" + doc.toPrettyString());
  }

  @TempDir Path dir;

  private Path pkg(String name, String yaml) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), yaml);
    return d;
  }

  static final String IOCTLS = """
      driver: {name: ioctls, role: function}
      ioctls:
        - {name: IOCTL_OPEN, code: 0x222000}
        - {name: IOCTL_VERSION, code: 0x222004, justification: version string only}
      """;

  private JsonNode checkRun() throws Exception {
    pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    pkg("with space/ü", IOCTLS);
    pkg("broken", "driver:\n  name: x\n  role: [bus\n");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", dir.toString());
    assertEquals(2, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void realCheckRunIsValidSarif() throws Exception {
    JsonNode doc = checkRun();
    assertValid(doc);
    assertEquals("2.1.0", doc.path("version").asText());
    assertEquals(1, doc.path("runs").size());
    JsonNode run = doc.path("runs").get(0);
    JsonNode driver = run.path("tool").path("driver");
    assertEquals("drvguard", driver.path("name").asText());
    assertEquals(VersionProvider.version(), driver.path("version").asText());

    JsonNode results = run.path("results");
    assertEquals(3, results.size(), results::toPrettyString);
    List<String> levels = new ArrayList<>();
    for (JsonNode r : results) {
      levels.add(r.path("level").asText());
      // ruleIndex points at the descriptor of ruleId
      assertEquals(r.path("ruleId").asText(), driver.path("rules").get(r.path("ruleIndex").asInt()).path("id").asText());
    }
    assertTrue(levels.containsAll(List.of("error", "warning", "note")), levels::toString);

    JsonNode raw = find(results, "RawPdoWithoutIoCreateDeviceSecure");
    assertEquals("error", raw.path("level").asText());
    assertTrue(raw.path("message").path("text").asText().startsWith("raw-mode PDO `pdo0`"), raw::toString);
    JsonNode phys = raw.path("locations").get(0).path("physicalLocation");
    assertEquals(dir.resolve("bad/drvguard.yaml").toUri().toString(),
        phys.path("artifactLocation").path("uri").asText());
    assertEquals(3, phys.path("region").path("startLine").asInt());
    assertEquals(5, phys.path("region").path("startColumn").asInt());
    assertEquals("OBJ-1", raw.path("properties").path("requirement").asText());
    assertEquals("insecure", raw.path("properties").path("package").asText());
    assertEquals("pdo0", raw.path("properties").path("subject").asText());
    assertEquals(64, raw.path("partialFingerprints").path(SarifReportWriter.FINGERPRINT_KEY).asText().length());
    assertTrue(raw.path("suppressions").isMissingNode());

    // a path with a space and a non-ASCII directory is percent-encoded
    String uri = find(results, "UserModeIoctlAnyAccess").path("locations").get(0)
        .path("physicalLocation").path("artifactLocation").path("uri").asText();
    assertTrue(uri.startsWith("file:///") && uri.endsWith("/with%20space/%C3%BC/drvguard.yaml"), uri);
    assertEquals("note", find(results, "UserModeIoctlAnyAccessMitigated").path("level").asText());

    JsonNode rule = find(driver.path("rules"), "RawPdoWithoutIoCreateDeviceSecure");
    assertEquals("RawPdoWithoutIoCreateDeviceSecure", rule.path("name").asText());
    assertFalse(rule.path("shortDescription").path("text").asText().isEmpty());
    assertEquals("error", rule.path("defaultConfiguration").path("level").asText());
    assertEquals("OBJ-1", rule.path("properties").path("requirement").asText());
    assertEquals("bundled", rule.path("properties").path("source").asText());
    assertEquals("OBJ-1", rule.path("properties").path("tags").get(0).asText());
    // GitHub code scanning's severity: error high, warning medium, info low
    assertEquals("security", rule.path("properties").path("tags").get(1).asText());
    assertEquals("7.5", rule.path("properties").path("security-severity").asText());
    assertEquals("2.0", find(driver.path("rules"), "UserModeIoctlAnyAccessMitigated")
        .path("properties").path("security-severity").asText());
    assertEquals("note", find(driver.path("rules"), "UserModeIoctlAnyAccessMitigated")
        .path("defaultConfiguration").path("level").asText());

    // the unreadable input is a tool execution notification, and the run did not succeed
    JsonNode invocation = run.path("invocations").get(0);
    assertFalse(invocation.path("executionSuccessful").asBoolean(true));
    JsonNode n = invocation.path("toolExecutionNotifications").get(0);
    assertEquals("error", n.path("level").asText());
    assertEquals("yaml_syntax_error", n.path("descriptor").path("id").asText());
    assertTrue(n.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText()
        .endsWith("/broken/drvguard.yaml"));
    assertEquals("yaml_syntax_error", driver.path("notifications").get(0).path("id").asText());
  }

  /** simulate's SARIF describes every rule; a decision rule that only votes has the level `none`. */
  @Test
  void simulateRunIsValidSarifAndVotersHaveLevelNone() throws Exception {
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--format", "sarif",
        java.nio.file.Path.of("../examples/scenarios/toastbus.scenario.yaml").toString());
    assertTrue(r.code() == 0 || r.code() == 1, r.err());
    JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertValid(doc);
    String directOpenDenied = null;
    for (JsonNode rule : doc.path("runs").get(0).path("tool").path("driver").path("rules")) {
      if (rule.path("id").asText().equals("DirectOpenDenied")) {
        directOpenDenied = rule.path("defaultConfiguration").path("level").asText();
      }
    }
    assertEquals("none", directOpenDenied);
  }

  @Test
  void theValidatorRejectsBrokenSarif() throws Exception {
    ObjectNode doc = (ObjectNode) checkRun();
    assertValid(doc);

    ObjectNode badLevel = doc.deepCopy();
    ((ObjectNode) badLevel.path("runs").get(0).path("results").get(0)).put("level", "fatal");
    assertFalse(validate(badLevel).isEmpty(), "level `fatal` passed validation");

    ObjectNode noVersion = doc.deepCopy();
    noVersion.remove("version");
    assertFalse(validate(noVersion).isEmpty(), "a log without `version` passed validation");

    ObjectNode lineZero = doc.deepCopy();
    ((ObjectNode) lineZero.path("runs").get(0).path("results").get(0).path("locations").get(0)
        .path("physicalLocation").path("region")).put("startLine", 0);
    assertFalse(validate(lineZero).isEmpty(), "startLine 0 passed validation");

    ObjectNode badUri = doc.deepCopy();
    ((ObjectNode) badUri.path("runs").get(0).path("results").get(0).path("locations").get(0)
        .path("physicalLocation").path("artifactLocation")).put("uri", "with space/drvguard.yaml");
    assertFalse(validate(badUri).isEmpty(), "a uri with a raw space passed validation");

    ObjectNode unknownKey = doc.deepCopy();
    ((ObjectNode) unknownKey.path("runs").get(0).path("results").get(0)).put("severity", "error");
    assertFalse(validate(unknownKey).isEmpty(), "an unknown result property passed validation");
  }

  @Test
  void emptyReportIsValidSarif() throws Exception {
    JsonNode doc = write(new Report(List.of(), List.of(), List.of(), List.of(), List.of()));
    assertValid(doc);
    JsonNode run = doc.path("runs").get(0);
    assertEquals(0, run.path("results").size());
    assertTrue(run.path("results").isArray());
    assertEquals(0, run.path("tool").path("driver").path("rules").size());
    assertTrue(run.path("invocations").get(0).path("executionSuccessful").asBoolean(false));
  }

  @Test
  void cleanCheckRunIsValidSarifWithNoResults() throws Exception {
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", pkg("good", CheckCommandTest.CLEAN).toString());
    assertEquals(0, r.code(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertValid(doc);
    assertEquals(0, doc.path("runs").get(0).path("results").size());
    assertTrue(doc.path("runs").get(0).path("tool").path("driver").path("rules").size() > 0);
  }

  static final RuleMetadata RULE = new RuleMetadata("SomeRule", "OBJ-1", Severity.WARNING, "Some title", "rules/x.drl");

  static Violation violation(String subject, SourceLocation at, boolean waived) {
    return new Violation("SomeRule", "OBJ-1", Severity.WARNING, "pkg", subject, "message about `" + subject + "`",
        at, waived);
  }

  @Test
  void waivedFindingIsAnExternalSuppressionAndLineZeroHasNoRegion() throws Exception {
    Report report = new Report(
        List.of(new CheckResult("pkg", List.of(
            violation("a", SourceLocation.of("pkg/x y.inf", 0), true).withWaiver("vendor-approved test fixture"),
            violation("b", null, false),
            new Violation("NotInCatalog", "OBJ-2", Severity.INFO, "pkg", "c", "m", SourceLocation.of("p.inf", 2), false)))),
        List.of(new InputException("missing dir", "file_not_found", "no such file or directory")),
        List.of(), List.of(), List.of(RULE));
    JsonNode doc = write(report);
    assertValid(doc);
    JsonNode results = doc.path("runs").get(0).path("results");

    JsonNode waived = results.get(0);
    assertEquals("external", waived.path("suppressions").get(0).path("kind").asText());
    assertEquals("vendor-approved test fixture", waived.path("suppressions").get(0).path("justification").asText());
    JsonNode phys = waived.path("locations").get(0).path("physicalLocation");
    assertEquals("pkg/x%20y.inf", phys.path("artifactLocation").path("uri").asText());
    assertTrue(phys.path("region").isMissingNode(), phys::toString);
    assertEquals(0, waived.path("ruleIndex").asInt(-1));

    assertTrue(results.get(1).path("locations").isMissingNode(), "no file, no location");
    assertTrue(results.get(1).path("suppressions").isMissingNode());
    assertTrue(results.get(2).path("ruleIndex").isMissingNode(), "a rule missing from the catalog has no index");

    JsonNode n = doc.path("runs").get(0).path("invocations").get(0).path("toolExecutionNotifications").get(0);
    assertEquals("no such file or directory", n.path("message").path("text").asText());
    assertEquals("missing%20dir", n.path("locations").get(0).path("physicalLocation").path("artifactLocation")
        .path("uri").asText());
    assertTrue(n.path("locations").get(0).path("physicalLocation").path("region").isMissingNode());

    JsonNode rule = doc.path("runs").get(0).path("tool").path("driver").path("rules").get(0);
    assertEquals("warning", rule.path("defaultConfiguration").path("level").asText());
    assertEquals("rules/x.drl", rule.path("properties").path("source").asText());
  }

  @Test
  void fingerprintFollowsRulePackageSubjectAndFileNotTheLine() {
    String f = SarifReportWriter.fingerprint(violation("a", SourceLocation.of("x.inf", 3), false), "x.inf");
    assertEquals(f, SarifReportWriter.fingerprint(violation("a", SourceLocation.of("x.inf", 40), false), "x.inf"));
    assertNotEquals(f, SarifReportWriter.fingerprint(violation("b", SourceLocation.of("x.inf", 3), false), "x.inf"));
    // a copy of the package elsewhere is another finding
    assertNotEquals(f, SarifReportWriter.fingerprint(violation("a", SourceLocation.of("x.inf", 3), false), "copy/x.inf"));
    assertTrue(f.matches("[0-9a-f]{64}"), f);
  }

  @Test
  void filesUnderTheSourceRootAreTheSameHoweverDrvguardWasCalled(@TempDir Path tmp) throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.createDirectories(checkout.resolve(".git"));
    Path sub = Files.createDirectories(checkout.resolve("drivers"));
    // the root is the git work tree of the working directory, whichever folder of it drvguard runs in
    assertEquals(checkout, SourceRoot.of(sub).root());
    assertEquals(tmp, SourceRoot.of(tmp).root());

    Violation relative = violation("a", SourceLocation.of("toast/x y.inf", 3), false);
    Violation absolute = violation("a", SourceLocation.of(sub.resolve("toast/x y.inf").toString(), 3), false);
    Violation copy = violation("a", SourceLocation.of(sub.resolve("toast-copy/x y.inf").toString(), 3), false);
    JsonNode fromSub = write(new Report(List.of(new CheckResult("pkg", List.of(relative, copy))), List.of(), List.of(),
        List.of(), List.of(RULE)), SourceRoot.of(sub));
    JsonNode fromRoot = write(new Report(List.of(new CheckResult("pkg", List.of(absolute))), List.of(), List.of(),
        List.of(), List.of(RULE)), SourceRoot.of(checkout));
    assertValid(fromSub);
    assertValid(fromRoot);
    JsonNode a = fromSub.path("runs").get(0).path("results").get(0);
    JsonNode b = fromRoot.path("runs").get(0).path("results").get(0);
    JsonNode artifact = a.path("locations").get(0).path("physicalLocation").path("artifactLocation");
    assertEquals("drivers/toast/x%20y.inf", artifact.path("uri").asText());
    assertEquals("%SRCROOT%", artifact.path("uriBaseId").asText());
    assertEquals(artifact, b.path("locations").get(0).path("physicalLocation").path("artifactLocation"));
    assertEquals(a.path("partialFingerprints"), b.path("partialFingerprints"));
    assertNotEquals(a.path("partialFingerprints"),
        fromSub.path("runs").get(0).path("results").get(1).path("partialFingerprints"));
    // one rule, one subject, one file, two lines: two results, two fingerprints
    Violation again = violation("a", SourceLocation.of("toast/x y.inf", 9), false);
    JsonNode twice = write(new Report(List.of(new CheckResult("pkg", List.of(relative, again))), List.of(), List.of(),
        List.of(), List.of(RULE)), SourceRoot.of(sub));
    assertNotEquals(twice.path("runs").get(0).path("results").get(0).path("partialFingerprints"),
        twice.path("runs").get(0).path("results").get(1).path("partialFingerprints"));
    assertEquals(a.path("partialFingerprints"), twice.path("runs").get(0).path("results").get(0).path("partialFingerprints"));
    assertEquals(checkout.toUri().toString(),
        fromSub.path("runs").get(0).path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText());
  }

  @Test
  void filesBecomeUriReferences() {
    assertEquals("pkg/toast.inf", SarifReportWriter.uri("pkg/toast.inf"));
    assertEquals("../a%20b/%23x%25.inf", SarifReportWriter.uri("../a b/#x%.inf"));
    assertEquals("a%3Ab/x.inf", SarifReportWriter.uri("a:b/x.inf"));
    assertEquals("%C3%BC.yaml", SarifReportWriter.uri("ü.yaml"));
    assertEquals("file:///tmp/p%20q/drvguard.yaml", SarifReportWriter.uri("/tmp/p q/drvguard.yaml"));
    assertEquals("file:///C:/drivers/toast%20bus/toast.inf", SarifReportWriter.uri("C:\\drivers\\toast bus\\toast.inf"));
    assertEquals("file:///c:/d/x.inf", SarifReportWriter.uri("c:/d/x.inf"));
    assertEquals("file://server/share/x.inf", SarifReportWriter.uri("\\\\server\\share\\x.inf"));
  }

  @Test
  void formatIsSelectableAndWritesToAFile() throws Exception {
    Path out = dir.resolve("out/report.sarif");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", "--output", out.toString(),
        pkg("bad", CheckCommandTest.RAW_PDO_INSECURE).toString());
    assertEquals(1, r.code(), r.err());
    assertEquals("", r.out());
    JsonNode doc = JSON.readTree(out.toFile());
    assertValid(doc);
    assertEquals(1, doc.path("runs").get(0).path("results").size());
  }

  /** The working directory as the source root, so relative paths stay as written. */
  static final Path WD = Path.of("").toAbsolutePath();

  private static JsonNode write(Report report) throws Exception {
    return write(report, new SourceRoot(WD, WD));
  }

  private static JsonNode write(Report report, SourceRoot root) throws Exception {
    StringWriter s = new StringWriter();
    new SarifReportWriter(io.drvguard.engine.RuleDocs.bundled(), root).write(report, new PrintWriter(s));
    return JSON.readTree(s.toString());
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (id.equals(n.path("ruleId").asText(null)) || id.equals(n.path("id").asText(null))) {
        return n;
      }
    }
    throw new AssertionError(id + " not in " + array);
  }

  @Test
  void sarifRuleHelpComesFromTheDocAndARuleWithoutOneHasNone() throws Exception {
    Path rules = RuleDocsOutputTest.authorFolder(dir);
    RuleDocsOutputTest.write(dir, "pkgs/acme/drvguard.yaml", ExternalRulesTest.PKG);
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", "--rules", rules.toString(),
        dir.resolve("pkgs").toString());
    assertEquals(1, r.code(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertValid(doc);
    JsonNode naming = find(doc.path("runs").get(0).path("tool").path("driver").path("rules"), "AcmeIoctlNaming");
    assertEquals("Acme's tooling finds its IOCTLs by prefix,\nso an IOCTL named otherwise escapes review.\n\n"
        + "Second paragraph of the reason.", naming.path("fullDescription").path("text").asText());
    String help = naming.path("help").path("text").asText();
    assertTrue(help.startsWith("Why: Acme's tooling") && help.endsWith("How to fix: Rename the IOCTL to `IOCTL_ACME_<NAME>`."),
        help);
    assertEquals(RuleDocsOutputTest.NAMING_DOC, naming.path("help").path("markdown").asText());

    // an author's doc has no address drvguard knows
    assertTrue(naming.path("helpUri").isMissingNode(), naming::toPrettyString);

    JsonNode override = find(doc.path("runs").get(0).path("tool").path("driver").path("rules"), "UserModeIoctlAnyAccess");
    assertTrue(override.path("fullDescription").isMissingNode() && override.path("help").isMissingNode(),
        override::toPrettyString);
    assertTrue(override.path("helpUri").isMissingNode(), override::toPrettyString);
  }

  @Test
  void aBundledRuleLinksToItsDocInTheProjectsSourceTree() throws Exception {
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "sarif", "../examples/toastbus-vulnerable");
    JsonNode doc = JSON.readTree(r.out());
    assertValid(doc);
    JsonNode driver = doc.path("runs").get(0).path("tool").path("driver");
    ProjectHome project = ProjectHome.current();
    assertTrue(project.home().startsWith("https://"), "the build wrote the project's home: " + project);
    assertEquals(project.home(), driver.path("informationUri").asText());
    JsonNode raw = find(driver.path("rules"), "RawPdoWithoutIoCreateDeviceSecure");
    String uri = raw.path("helpUri").asText();
    // a snapshot has no tag yet; the link names the doc's path in this very tree
    String path = "rules/docs/RawPdoWithoutIoCreateDeviceSecure.md";
    assertEquals(project.home() + "/blob/main/" + path, uri);
    assertTrue(java.nio.file.Files.isRegularFile(Path.of("..").resolve(path)), path);
  }

  @Test
  void aReleaseLinksToTheDocsAtItsTag() {
    io.drvguard.engine.RuleDoc bundled = new io.drvguard.engine.RuleDoc("R", "# R", "drvguard/rules/docs/R.md", true);
    io.drvguard.engine.RuleDoc authors = new io.drvguard.engine.RuleDoc("R", "# R", "/x/docs/R.md", false);
    ProjectHome release = new ProjectHome("https://example.org/dg", "1.2.0");
    assertEquals(java.util.Optional.of("https://example.org/dg/blob/v1.2.0/rules/docs/R.md"), release.helpUri(bundled));
    assertEquals(java.util.Optional.empty(), release.helpUri(authors));
    assertEquals(java.util.Optional.of("https://example.org/dg/blob/main/rules/docs/R.md"),
        new ProjectHome("https://example.org/dg", "1.3.0-SNAPSHOT").helpUri(bundled));
    assertEquals(java.util.Optional.empty(), new ProjectHome("", "1.2.0").helpUri(bundled));
  }
}
