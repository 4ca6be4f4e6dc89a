package io.drvguard.cli;

import io.drvguard.library.Note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drvguard.adapters.InputException;
import io.drvguard.adapters.inf.InfDiagnostic;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest {
  @TempDir Path dir;

  private Path pkg(String name, String yaml) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), yaml);
    return d;
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Element parent, String tag) {
    List<Element> c = children(parent, tag);
    return c.isEmpty() ? null : c.get(0);
  }

  static Element suite(Document doc, String name) {
    return children(doc.getDocumentElement(), "testsuite").stream()
        .filter(s -> s.getAttribute("name").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no testsuite " + name));
  }

  static Element testcase(Element suite, String name) {
    return children(suite, "testcase").stream().filter(c -> c.getAttribute("name").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no testcase " + name + " in " + suite.getAttribute("name")));
  }

  static int attr(Element e, String name) {
    return Integer.parseInt(e.getAttribute(name));
  }

  /** Every count attribute agrees with the elements under it. */
  static void assertCountsConsistent(Document doc) {
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (Element s : children(root, "testsuite")) {
      List<Element> cases = children(s, "testcase");
      int f = (int) cases.stream().filter(c -> child(c, "failure") != null).count();
      int e = (int) cases.stream().filter(c -> child(c, "error") != null).count();
      int k = (int) cases.stream().filter(c -> child(c, "skipped") != null).count();
      assertEquals(cases.size(), attr(s, "tests"), s.getAttribute("name"));
      assertEquals(f, attr(s, "failures"), s.getAttribute("name"));
      assertEquals(e, attr(s, "errors"), s.getAttribute("name"));
      assertEquals(k, attr(s, "skipped"), s.getAttribute("name"));
      tests += cases.size();
      failures += f;
      errors += e;
      skipped += k;
    }
    assertEquals(tests, attr(root, "tests"));
    assertEquals(failures, attr(root, "failures"));
    assertEquals(errors, attr(root, "errors"));
    assertEquals(skipped, attr(root, "skipped"));
  }

  @Test
  void realCheckRunIsOneSuitePerPackageAndOneTestPerRule() throws Exception {
    Path bad = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    pkg("ioctls", SarifReportWriterTest.IOCTLS);
    Path broken = pkg("broken", "driver:\n  name: x\n  role: [bus\n");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "junit", dir.toString());
    assertEquals(2, r.code(), r.err());
    Document doc = parse(r.out());
    assertCountsConsistent(doc);

    int rules = 0;
    for (var rule : new ObjectMapper().readTree(CheckCommandTest.run("rules", "list", "--format", "json").out())) {
      rules += rule.path("kind").asText().equals("check") ? 1 : 0;
    }
    assertTrue(rules > 10, "rules: " + rules);
    Element root = doc.getDocumentElement();
    assertEquals(3, children(root, "testsuite").size());
    assertEquals(2 * rules + 1, attr(root, "tests"));
    assertEquals(2, attr(root, "failures")); // the error and the warning; the info finding does not fail
    assertEquals(1, attr(root, "errors"));
    assertEquals(0, attr(root, "skipped"));

    Element insecure = suite(doc, "insecure");
    assertEquals(rules, attr(insecure, "tests"));
    assertEquals(1, attr(insecure, "failures"));
    Element raw = testcase(insecure, "RawPdoWithoutIoCreateDeviceSecure");
    assertEquals("insecure", raw.getAttribute("classname"));
    Element failure = child(raw, "failure");
    assertNotNull(failure);
    assertEquals("error", failure.getAttribute("type"));
    assertTrue(failure.getAttribute("message").startsWith("raw-mode PDO `pdo0` is created with IoCreateDevice"),
        failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains(bad.resolve("drvguard.yaml") + ":3:5: error: raw-mode PDO `pdo0`"),
        failure.getTextContent());
    assertTrue(failure.getTextContent().contains("[OBJ-1 RawPdoWithoutIoCreateDeviceSecure] (insecure/pdo0)"));
    assertNull(child(testcase(insecure, "UserModeIoctlAnyAccess"), "failure"));

    Element ioctls = suite(doc, "ioctls");
    Element warning = child(testcase(ioctls, "UserModeIoctlAnyAccess"), "failure");
    assertEquals("warning", warning.getAttribute("type"));
    assertTrue(warning.getTextContent().contains("IOCTL `IOCTL_OPEN`"), warning.getTextContent());
    Element info = testcase(ioctls, "UserModeIoctlAnyAccessMitigated");
    assertNull(child(info, "failure"));
    assertTrue(child(info, "system-out").getTextContent().contains("info: IOCTL `IOCTL_VERSION`"));

    Element inputs = suite(doc, JunitReportWriter.ERRORS_SUITE);
    Element unreadable = testcase(inputs, broken.resolve("drvguard.yaml").toString());
    Element error = child(unreadable, "error");
    assertEquals("yaml_syntax_error", error.getAttribute("type"));
    assertTrue(error.getTextContent().startsWith(broken.resolve("drvguard.yaml") + ":"), error.getTextContent());
  }

  @Test
  void cleanRunPassesEveryTest() throws Exception {
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "junit", pkg("good", CheckCommandTest.CLEAN).toString());
    assertEquals(0, r.code(), r.err());
    Document doc = parse(r.out());
    assertCountsConsistent(doc);
    assertEquals(0, attr(doc.getDocumentElement(), "failures"));
    assertTrue(attr(doc.getDocumentElement(), "tests") > 10);
  }

  @Test
  void emptyReportIsAnEmptyTestsuitesElement() throws Exception {
    Document doc = parse(write(new Report(List.of(), List.of(), List.of(), List.of(), List.of())));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals(0, attr(root, "tests"));
    assertEquals(0, attr(root, "failures"));
    assertEquals(0, children(root, "testsuite").size());
  }

  static final RuleMetadata ERR = new RuleMetadata("ErrRule", "OBJ-1", Severity.ERROR, "Error rule", "bundled");
  static final RuleMetadata WARN = new RuleMetadata("WarnRule", "NS-1", Severity.WARNING, "Warning rule", "bundled");
  static final RuleMetadata QUIET = new RuleMetadata("QuietRule", "NS-2", Severity.ERROR, "Never fires", "bundled");

  static Violation v(RuleMetadata rule, String subject, String message, int line, boolean waived) {
    return new Violation(rule.id(), rule.requirement(), rule.severity(), "p<1>", subject, message,
        SourceLocation.of("p/x.inf", line), waived);
  }

  @Test
  void waivedOnlyIsSkippedMixedFailsAndTextIsEscaped() throws Exception {
    Report report = new Report(
        List.of(new CheckResult("p<1>", List.of(
            v(ERR, "a", "bad \"a\" & <b>", 3, false),
            v(ERR, "b", "second \u0001 one", 4, false),
            v(ERR, "c", "waived one", 5, true),
            v(WARN, "d", "waived only", 6, true)))),
        List.of(),
        List.of(new Note(SourceLocation.of("p/x.inf", 9), InfDiagnostic.UNDEFINED_STRING, "`%foo%` is undefined")),
        List.of(), List.of(ERR, WARN, QUIET));
    String xml = write(report);
    Document doc = parse(xml);
    assertCountsConsistent(doc);
    Element p = suite(doc, "p<1>");
    assertEquals(List.of("ErrRule", "WarnRule", "QuietRule"),
        children(p, "testcase").stream().map(c -> c.getAttribute("name")).toList());

    Element err = testcase(p, "ErrRule");
    Element failure = child(err, "failure");
    assertEquals("2 findings: bad \"a\" & <b> (and 1 more)", failure.getAttribute("message"));
    assertEquals("p/x.inf:3: error: bad \"a\" & <b> [OBJ-1 ErrRule] (p<1>/a)\n"
        + "p/x.inf:4: error: second \uFFFD one [OBJ-1 ErrRule] (p<1>/b)\n", failure.getTextContent());
    assertTrue(child(err, "system-out").getTextContent().contains("waived: p/x.inf:5: error: waived one"));

    Element skipped = child(testcase(p, "WarnRule"), "skipped");
    assertEquals("waived", skipped.getAttribute("message"));
    assertEquals(1, attr(p, "skipped"));
    assertEquals(1, attr(p, "failures"));
    assertTrue(children(testcase(p, "QuietRule"), "failure").isEmpty());

    // notes only: the drvguard suite holds no test, just the notes
    Element inputs = suite(doc, JunitReportWriter.ERRORS_SUITE);
    assertEquals(0, attr(inputs, "tests"));
    assertTrue(child(inputs, "system-out").getTextContent().contains("p/x.inf:9: inf_undefined_string: `%foo%` is undefined"));
  }

  @Test
  void packagesOfOneNameGetSuitesOfTheirOwnAndCasesTheirFileAndTime() throws Exception {
    // two copies of one package: a CI server would merge suites of one name
    Violation copy2 = new Violation(ERR.id(), ERR.requirement(), ERR.severity(), "p<1>", "a", "in the copy",
        SourceLocation.of("copy/x.inf", 7), false);
    Report report = new Report(
        List.of(new CheckResult("p<1>", List.of(v(ERR, "a", "first", 3, false))),
            new CheckResult("p<1>", List.of(copy2))),
        List.of(), List.of(), List.of(), List.of(ERR, WARN));
    Document doc = parse(write(report));
    assertCountsConsistent(doc);
    Element first = suite(doc, "p<1>");
    Element second = suite(doc, "p<1> (2)");
    assertEquals("p/x.inf", testcase(first, "ErrRule").getAttribute("file"));
    assertEquals("copy/x.inf", testcase(second, "ErrRule").getAttribute("file"));
    assertEquals("p<1> (2)", testcase(second, "ErrRule").getAttribute("classname"));
    // a rule without findings has no file to name
    assertFalse(testcase(first, "WarnRule").hasAttribute("file"));
    for (Element e : List.of(first, second, doc.getDocumentElement())) {
      assertTrue(e.getAttribute("time").matches("[0-9]+\\.[0-9]{3}"), e.getAttribute("time"));
    }
  }

  @Test
  void eachUnreadableInputIsAnErrorTestcase() throws Exception {
    Report report = new Report(List.of(),
        List.of(new InputException("a.yaml", 2, 3, "manifest_unknown_key", "unknown key `x`"),
            new InputException("b", "file_not_found", "no such file or directory")),
        List.of(), List.of(), List.of(ERR));
    Document doc = parse(write(report));
    assertCountsConsistent(doc);
    assertEquals(2, attr(doc.getDocumentElement(), "errors"));
    Element inputs = suite(doc, JunitReportWriter.ERRORS_SUITE);
    Element a = child(testcase(inputs, "a.yaml"), "error");
    assertEquals("manifest_unknown_key", a.getAttribute("type"));
    assertEquals("unknown key `x`", a.getAttribute("message"));
    assertEquals("a.yaml:2:3: manifest_unknown_key: unknown key `x`", a.getTextContent());
    assertEquals("file_not_found", child(testcase(inputs, "b"), "error").getAttribute("type"));
  }

  @Test
  void decisionsAreStepsOfTheirScenario() throws Exception {
    Decision deny = new Decision("s1", Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, 0, "NS-1", "DirectOpenDenied",
        "the DACL grants nothing", List.of());
    Report report = new Report(List.of(), List.of(), List.of(), List.of(
        new DecisionRecord("raw pdo", "s1", "open", "alice", "\\Device\\X", deny, "deny", true, List.of(),
            SourceLocation.of("x.scenario.yaml", 5), List.of()),
        new DecisionRecord("raw pdo", "s2", "open", "alice", "\\Device\\X", deny, "allow", false,
            List.of("expected allow, got deny"), SourceLocation.of("x.scenario.yaml", 9), List.of())),
        List.of());
    Document doc = parse(write(report));
    assertCountsConsistent(doc);
    Element s = suite(doc, "raw pdo");
    assertEquals(2, attr(s, "tests"));
    assertNull(child(testcase(s, "s1"), "failure"));
    Element failure = child(testcase(s, "s2"), "failure");
    assertEquals("expected allow, got deny", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("-> deny STATUS_ACCESS_DENIED [NS-1 DirectOpenDenied]"));
  }

  private static String write(Report report) {
    StringWriter s = new StringWriter();
    new JunitReportWriter().write(report, new PrintWriter(s));
    String xml = s.toString();
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
    return xml;
  }
}
