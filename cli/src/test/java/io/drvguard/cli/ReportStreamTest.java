package io.drvguard.cli;

import io.drvguard.library.Note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.FiredRule;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every format writes the same document whether findings and decisions arrive package by package
 * after one another (a report held whole) or interleaved, as simulate hands them over: what a
 * format lists later is spooled, not lost or reordered.
 */
class ReportStreamTest {
  static final RuleMetadata ERR = new RuleMetadata("ErrRule", "OBJ-1", Severity.ERROR, "Error rule", "bundled");
  static final RuleMetadata INFO = new RuleMetadata("InfoRule", "NS-8", Severity.INFO, "Info rule", "bundled");

  static Violation v(RuleMetadata r, String pkg, String subject, int line, boolean waived) {
    return new Violation(r.id(), r.requirement(), r.severity(), pkg, subject, "finding on `" + subject + "` & <more>",
        SourceLocation.of("s.scenario.yaml", line), waived);
  }

  static DecisionRecord d(String scenario, String step, boolean allow, Boolean met) {
    Decision dec = new Decision(step, allow ? Verdict.ALLOW : Verdict.DENY,
        allow ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_ACCESS_DENIED, allow ? 1 : 0, "NS-1",
        allow ? "DirectOpenGranted" : "DirectOpenDenied", "because \"" + step + "\"", List.of());
    return new DecisionRecord(scenario, step, "open", "alice", "\\Device\\X", dec, met == null ? null : "allow", met,
        Boolean.FALSE.equals(met) ? List.of("decision: expected allow, got deny") : List.of(),
        SourceLocation.of(scenario + ".scenario.yaml", 3), List.of(new FiredRule("DirectOpenGranted", "NS-1",
            List.of("OpenRequest[" + step + "]"))));
  }

  private static final List<CheckResult> PACKAGES = List.of(
      new CheckResult("pkg-a", List.of(v(ERR, "pkg-a", "s1", 5, false), v(INFO, "pkg-a", "s2", 7, false))),
      new CheckResult("pkg-b", List.of(v(ERR, "pkg-b", "t1", 4, true), v(ERR, "pkg-b", "t2", 9, false))));
  private static final List<DecisionRecord> DECISIONS = List.of(
      d("first", "s1", true, true), d("first", "s2", false, false), d("second", "t1", true, null),
      d("second", "t2", false, true), d("first", "s3", true, true));
  private static final List<InputException> ERRORS =
      List.of(new InputException("bad.scenario.yaml", 4, 7, "scenario_unknown_handle", "`h9` is not bound"));
  private static final List<Note> NOTES =
      List.of(new Note(SourceLocation.of("w.yaml", 2), "waiver_unused", "matched no finding"));

  private static String whole(ReportWriter w) {
    StringWriter s = new StringWriter();
    w.write(new Report(PACKAGES, ERRORS, NOTES, DECISIONS, List.of(ERR, INFO)), new PrintWriter(s));
    return s.toString();
  }

  /** As simulate hands them over: a scenario's decisions with its findings among them, the package ended after. */
  private static String interleaved(ReportWriter w) {
    StringWriter s = new StringWriter();
    try (ReportStream r = w.open(new PrintWriter(s), List.of(ERR, INFO), true)) {
      r.decision(DECISIONS.get(0));
      r.finding(PACKAGES.get(0).violations().get(0));
      r.decision(DECISIONS.get(1));
      r.finding(PACKAGES.get(0).violations().get(1));
      r.endPackage("pkg-a");
      r.decision(DECISIONS.get(2));
      r.finding(PACKAGES.get(1).violations().get(0));
      r.decision(DECISIONS.get(3));
      r.finding(PACKAGES.get(1).violations().get(1));
      r.endPackage("pkg-b");
      r.decision(DECISIONS.get(4));
      r.finish(Tally.of(new Report(PACKAGES, ERRORS, NOTES, DECISIONS, List.of())), ERRORS, NOTES);
    }
    return s.toString();
  }

  @Test
  void everyFormatWritesTheSameDocumentWhateverTheOrderOfArrival() {
    for (OutputFormat f : OutputFormat.values()) {
      ReportWriter w = ReportWriter.of(f, false, true);
      // JUnit's time attributes are measured, so they differ from run to run: compare the rest
      String expected = untimed(whole(w));
      assertEquals(expected, untimed(interleaved(w)), f.name());
    }
  }

  private static String untimed(String document) {
    return document.replaceAll(" time=\"[0-9.]+\"", "");
  }

  @Test
  void textListsDecisionsThenFindingsThenTheSummary() {
    String text = interleaved(ReportWriter.of(OutputFormat.text, false, true));
    int lastDecision = text.indexOf("first.scenario.yaml:3: s3 open");
    int firstFinding = text.indexOf("s.scenario.yaml:5: error: finding on `s1`");
    assertTrue(lastDecision >= 0 && firstFinding > lastDecision, text);
    String nl = System.lineSeparator();
    assertTrue(text.endsWith("5 decisions (3 allow, 2 deny); expectations: 3 met, 1 failed" + nl
        + "3 findings (2 error, 0 warning, 1 info) in 2 packages; 1 input could not be read" + nl), text);
  }

  @Test
  void junitGroupsAScenariosStepsIntoOneSuiteEvenWhenTheyArriveApart() {
    String xml = interleaved(ReportWriter.of(OutputFormat.junit, false, true));
    assertEquals(1, xml.split("<testsuite name=\"first\"", -1).length - 1, xml);
    assertTrue(xml.contains("<testsuite name=\"first\" tests=\"3\" failures=\"1\""), xml);
    assertTrue(xml.indexOf("name=\"s3\"") < xml.indexOf("<testsuite name=\"second\""), xml);
  }
}
