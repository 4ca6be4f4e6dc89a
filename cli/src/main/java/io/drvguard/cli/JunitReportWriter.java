package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the Ant/Surefire shape CI servers read): every rule that ran is a test of every package.
 *
 * <ul>
 *   <li>One {@code <testsuite>} per package (name = package name) with one {@code <testcase>} per rule
 *       (classname = package, name = rule id), rules in catalog order.
 *   <li>A rule with unwaived error or warning findings in the package fails: one {@code <failure>}
 *       whose {@code type} is the most severe of them and whose text lists each as
 *       {@code file:line:col: severity: message [REQ RuleId] (package/subject)}.
 *   <li>Info findings do not fail a test (they do not fail the default {@code --fail-on error} either,
 *       and a red build for a reminder would teach people to ignore the report): they are listed in
 *       the testcase's {@code <system-out>}, as are waived findings.
 *   <li>A rule whose findings in the package are all waived is {@code <skipped message="waived">}: it
 *       did fire, and the skip keeps the waiver visible in CI without failing the build.
 *   <li>Inputs that could not be read: a suite {@code drvguard} with one {@code <testcase>} per input
 *       (name = the file) holding an {@code <error>} (type = the stable code); INF notes go to that
 *       suite's {@code <system-out>}.
 *   <li>Simulation decisions: one suite per scenario, one testcase per step, failing when the step's
 *       expectation was not met.
 * </ul>
 *
 * <p>The fail threshold is fixed (error and warning), not {@code --fail-on}: the exit status applies
 * that option. Built with StAX, which escapes text and attributes; characters XML 1.0 cannot carry are
 * written as U+FFFD.
 */
final class JunitReportWriter implements ReportWriter {
  static final String ERRORS_SUITE = "drvguard";

  /** One testcase before it is written. */
  private record Case(
      String classname, String name, Outcome outcome, String message, String type, String detail, String out) {}

  private enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

  private record Suite(String name, List<Case> cases, String out) {
    long count(Outcome o) {
      return cases.stream().filter(c -> c.outcome() == o).count();
    }
  }

  @Override
  public void write(Report report, PrintWriter out) {
    List<Suite> suites = suites(report);
    try {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "drvguard");
      counts(x, suites.stream().mapToInt(s -> s.cases().size()).sum(),
          suites.stream().mapToLong(s -> s.count(Outcome.FAILED)).sum(),
          suites.stream().mapToLong(s -> s.count(Outcome.ERROR)).sum(),
          suites.stream().mapToLong(s -> s.count(Outcome.SKIPPED)).sum());
      for (Suite s : suites) {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(s.name()));
        counts(x, s.cases().size(), s.count(Outcome.FAILED), s.count(Outcome.ERROR), s.count(Outcome.SKIPPED));
        for (Case c : s.cases()) {
          writeCase(x, c);
        }
        if (!s.out().isEmpty()) {
          x.writeCharacters("\n    ");
          x.writeStartElement("system-out");
          x.writeCharacters(clean(s.out()));
          x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      x.writeCharacters(suites.isEmpty() ? "" : "\n");
      x.writeEndElement();
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    out.println();
    out.flush();
  }

  private static void counts(XMLStreamWriter x, long tests, long failures, long errors, long skipped)
      throws XMLStreamException {
    x.writeAttribute("tests", Long.toString(tests));
    x.writeAttribute("failures", Long.toString(failures));
    x.writeAttribute("errors", Long.toString(errors));
    x.writeAttribute("skipped", Long.toString(skipped));
  }

  private static void writeCase(XMLStreamWriter x, Case c) throws XMLStreamException {
    x.writeCharacters("\n    ");
    if (c.outcome() == Outcome.PASSED && c.out().isEmpty()) {
      x.writeEmptyElement("testcase");
      x.writeAttribute("classname", clean(c.classname()));
      x.writeAttribute("name", clean(c.name()));
      return;
    }
    x.writeStartElement("testcase");
    x.writeAttribute("classname", clean(c.classname()));
    x.writeAttribute("name", clean(c.name()));
    String element = switch (c.outcome()) {
      case FAILED -> "failure";
      case ERROR -> "error";
      case SKIPPED -> "skipped";
      case PASSED -> null;
    };
    if (element != null) {
      x.writeCharacters("\n      ");
      x.writeStartElement(element);
      x.writeAttribute("message", clean(c.message()));
      if (c.type() != null) {
        x.writeAttribute("type", clean(c.type()));
      }
      if (c.detail() != null) {
        x.writeCharacters(clean(c.detail()));
      }
      x.writeEndElement();
    }
    if (!c.out().isEmpty()) {
      x.writeCharacters("\n      ");
      x.writeStartElement("system-out");
      x.writeCharacters(clean(c.out()));
      x.writeEndElement();
    }
    x.writeCharacters("\n    ");
    x.writeEndElement();
  }

  private static List<Suite> suites(Report report) {
    List<Suite> suites = new ArrayList<>();
    for (CheckResult p : report.packages()) {
      suites.add(packageSuite(p, report.rules()));
    }
    Map<String, List<Case>> scenarios = new LinkedHashMap<>();
    for (DecisionRecord d : report.decisions()) {
      scenarios.computeIfAbsent(d.scenario(), k -> new ArrayList<>()).add(decisionCase(d));
    }
    scenarios.forEach((name, cases) -> suites.add(new Suite(name, cases, "")));
    if (!report.errors().isEmpty() || !report.notes().isEmpty()) {
      List<Case> cases = new ArrayList<>();
      for (InputException e : report.errors()) {
        cases.add(new Case(ERRORS_SUITE, e.file(), Outcome.ERROR, e.detail(), e.code(), e.getMessage(), ""));
      }
      StringBuilder notes = new StringBuilder();
      for (Note n : report.notes()) {
        notes.append(n.location()).append(": ").append(n.code()).append(": ").append(n.message()).append('\n');
      }
      suites.add(new Suite(ERRORS_SUITE, cases, notes.toString()));
    }
    return suites;
  }

  private static Suite packageSuite(CheckResult p, List<RuleMetadata> rules) {
    Map<String, List<Violation>> byRule = new LinkedHashMap<>();
    for (Violation v : p.violations()) {
      byRule.computeIfAbsent(v.ruleId(), k -> new ArrayList<>()).add(v);
    }
    Set<String> ids = new LinkedHashSet<>();
    rules.forEach(r -> ids.add(r.id()));
    ids.addAll(byRule.keySet()); // a finding of a rule missing from the catalog still gets its testcase
    List<Case> cases = new ArrayList<>();
    for (String id : ids) {
      cases.add(ruleCase(p.packageName(), id, byRule.getOrDefault(id, List.of())));
    }
    return new Suite(p.packageName(), cases, "");
  }

  private static Case ruleCase(String pkg, String ruleId, List<Violation> findings) {
    List<Violation> failing = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    int waived = 0;
    for (Violation v : findings) {
      if (v.waived()) {
        waived++;
        out.append("waived: ").append(line(v)).append('\n');
      } else if (v.severity() == Severity.INFO) {
        out.append(line(v)).append('\n');
      } else {
        failing.add(v);
      }
    }
    if (!failing.isEmpty()) {
      Severity worst = failing.stream().map(Violation::severity).min(Enum::compareTo).orElseThrow();
      StringBuilder detail = new StringBuilder();
      failing.forEach(v -> detail.append(line(v)).append('\n'));
      String message = failing.size() == 1 ? failing.get(0).message()
          : failing.size() + " findings: " + failing.get(0).message() + " (and " + (failing.size() - 1) + " more)";
      return new Case(pkg, ruleId, Outcome.FAILED, message, worst.id(), detail.toString(), out.toString());
    }
    if (waived > 0 && waived == findings.size()) {
      return new Case(pkg, ruleId, Outcome.SKIPPED, "waived", null, null, out.toString());
    }
    return new Case(pkg, ruleId, Outcome.PASSED, null, null, null, out.toString());
  }

  private static Case decisionCase(DecisionRecord d) {
    var dec = d.decision();
    String line = d.location() + ": " + d.request() + " " + (d.principal() == null ? "-" : d.principal()) + " "
        + d.target() + " -> " + dec.verdict().id() + " " + dec.status().name() + " [" + dec.requirement() + " "
        + dec.ruleId() + "] " + dec.reason() + "\n";
    if (Boolean.FALSE.equals(d.met())) {
      return new Case(d.scenario(), d.step(), Outcome.FAILED, String.join("; ", d.mismatches()), "expectation",
          line, "");
    }
    return new Case(d.scenario(), d.step(), Outcome.PASSED, null, null, null, line);
  }

  /** The text format's line for a finding. */
  private static String line(Violation v) {
    return v.location() + ": " + v.severity().id() + ": " + v.message() + " [" + v.requirement() + " "
        + v.ruleId() + "] (" + v.packageName() + "/" + v.subject() + ")";
  }

  /** Null as empty, and characters XML 1.0 cannot carry (most C0 controls, lone surrogates) as U+FFFD. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (sb != null) {
          sb.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(ok ? c : '\uFFFD');
      }
    }
    return sb == null ? s : sb.toString();
  }
}
