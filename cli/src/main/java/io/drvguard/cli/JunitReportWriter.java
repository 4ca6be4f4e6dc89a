package io.drvguard.cli;

import io.drvguard.library.Note;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
 *   <li>One {@code <testsuite>} per package (name = package name; a name that repeats, as for two
 *       copies of one package, gets {@code (2)}, {@code (3)}...) with one {@code <testcase>} per rule
 *       (classname = the suite's name, name = rule id, {@code file} = the file of the rule's first
 *       finding there), rules in catalog order. A package suite's {@code time} is the seconds from the
 *       previous package's report to its own (reading and checking it); the root's, the whole run's.
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
 * written as U+FFFD. Cases are spooled as the run goes and the document is written at the end (see
 * {@link Stream}), so memory does not grow with the number of packages, findings or steps.
 */
final class JunitReportWriter implements ReportWriter {
  static final String ERRORS_SUITE = "drvguard";
  private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();
  /** What one rule's failure text or output may hold in memory before it goes to a file. */
  private static final int RULE_TEXT_MEMORY_BYTES = 1 << 14;

  /** One testcase before it is written; {@code detail} and {@code out} are read once. */
  private record Case(
      String classname, String name, Outcome outcome, String message, String type, Reader detail, Reader out,
      boolean hasOut, String file) {
    Case(String classname, String name, Outcome outcome, String message, String type, Reader detail, Reader out,
        boolean hasOut) {
      this(classname, name, outcome, message, type, detail, out, hasOut, null);
    }

    Case(String classname, String name, Outcome outcome, String message, String type, String detail, String out) {
      this(classname, name, outcome, message, type, detail == null ? null : new StringReader(detail),
          new StringReader(out), !out.isEmpty());
    }
  }

  private enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

  @Override
  public ReportStream open(PrintWriter out, List<RuleMetadata> rules, boolean decisions) {
    return new Stream(out, rules);
  }

  /**
   * The root element and each suite carry counts of what they hold, so cases are written to spools
   * as they come and the counts kept: a package's suite once its findings are complete (only that
   * package's findings, grouped by rule, are held meanwhile, and their text spills to a file when
   * long), a scenario's steps as they are decided, each scenario's suite assembled at the end from
   * the stretches of the step spool that belong to it.
   */
  private static final class Stream implements ReportStream {
    private final PrintWriter out;
    private final List<RuleMetadata> rules;
    private final Spool packageSuites = new Spool();
    private final XMLStreamWriter packageXml;
    private final Spool steps = new Spool();
    private final XMLStreamWriter stepXml;
    private final Map<String, ScenarioSuite> scenarios = new LinkedHashMap<>();
    /** The findings of the package being reported, by rule, in the order rules first reported. */
    private final Map<String, RuleFindings> current = new LinkedHashMap<>();
    private final Counts packageTotals = new Counts();
    private boolean anyPackageSuite;
    /** How often each package name has had a suite: a repeated name gets {@code (2)}, {@code (3)}... */
    private final Map<String, Integer> suiteNames = new java.util.HashMap<>();
    private final long started = System.nanoTime();
    /** When the previous package's report ended: a package's time is from then to its own end. */
    private long mark = started;

    Stream(PrintWriter out, List<RuleMetadata> rules) {
      this.out = out;
      this.rules = rules;
      try {
        this.packageXml = XML.createXMLStreamWriter(packageSuites.writer());
        this.stepXml = XML.createXMLStreamWriter(steps.writer());
      } catch (XMLStreamException e) {
        throw failed(e);
      }
    }

    @Override
    public void finding(Violation v) {
      current.computeIfAbsent(v.ruleId(), k -> new RuleFindings()).add(v);
    }

    @Override
    public void endPackage(String reportedName) {
      // two packages of one name (two copies of a package) would otherwise be one suite to a CI server
      int seen = suiteNames.merge(reportedName, 1, Integer::sum);
      String packageName = seen == 1 ? reportedName : reportedName + " (" + seen + ")";
      long now = System.nanoTime();
      double seconds = (now - mark) / 1e9;
      mark = now;
      Set<String> ids = new LinkedHashSet<>();
      rules.forEach(r -> ids.add(r.id()));
      ids.addAll(current.keySet()); // a finding of a rule missing from the catalog still gets its testcase
      List<Case> cases = new ArrayList<>();
      for (String id : ids) {
        RuleFindings f = current.get(id);
        cases.add(f == null ? new Case(packageName, id, Outcome.PASSED, null, null, null, "") : f.toCase(packageName, id));
      }
      Counts c = new Counts();
      cases.forEach(k -> c.add(k.outcome()));
      try {
        writeSuiteStart(packageXml, packageName, c);
        packageXml.writeAttribute("time", seconds(seconds));
        for (Case k : cases) {
          writeCase(packageXml, k);
        }
        packageXml.writeCharacters("\n  ");
        packageXml.writeEndElement();
        packageXml.flush();
      } catch (XMLStreamException e) {
        throw failed(e);
      } finally {
        current.values().forEach(RuleFindings::close);
        current.clear();
      }
      packageTotals.addAll(c);
      anyPackageSuite = true;
    }

    @Override
    public void decision(DecisionRecord d) {
      Case c = decisionCase(d);
      long from = steps.length();
      try {
        writeCase(stepXml, c);
        stepXml.writeCharacters(""); // closes an empty testcase element before the flush
        stepXml.flush();
      } catch (XMLStreamException e) {
        throw failed(e);
      }
      scenarios.computeIfAbsent(d.scenario(), k -> new ScenarioSuite()).add(from, steps.length(), c.outcome());
    }

    @Override
    public void finish(Tally tally, List<InputException> errors, List<Note> notes) {
      Counts errorCounts = new Counts();
      List<Case> errorCases = new ArrayList<>();
      for (InputException e : errors) {
        errorCases.add(new Case(ERRORS_SUITE, e.file(), Outcome.ERROR, e.detail(), e.code(), e.getMessage(), ""));
        errorCounts.add(Outcome.ERROR);
      }
      StringBuilder noteText = new StringBuilder();
      for (Note n : notes) {
        noteText.append(n.location()).append(": ").append(n.code()).append(": ").append(n.message()).append('\n');
      }
      boolean errorSuite = !errors.isEmpty() || !notes.isEmpty();
      Counts all = new Counts();
      all.addAll(packageTotals);
      scenarios.values().forEach(s -> all.addAll(s.counts));
      all.addAll(errorCounts);
      try {
        XMLStreamWriter x = XML.createXMLStreamWriter(out);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        x.writeAttribute("name", "drvguard");
        counts(x, all);
        x.writeAttribute("time", seconds((System.nanoTime() - started) / 1e9));
        x.writeCharacters(""); // closes the start tag: the suites are copied in behind the writer's back
        x.flush();
        packageSuites.copyTo(out);
        XMLStreamWriter f = XML.createXMLStreamWriter(out);
        for (Map.Entry<String, ScenarioSuite> e : scenarios.entrySet()) {
          writeSuiteStart(f, e.getKey(), e.getValue().counts);
          f.writeCharacters("");
          f.flush();
          for (long[] r : e.getValue().ranges) {
            steps.copyTo(out, r[0], r[1]);
          }
          out.write("\n  </testsuite>");
          f = XML.createXMLStreamWriter(out); // the previous one still has the suite open
        }
        if (errorSuite) {
          writeSuiteStart(f, ERRORS_SUITE, errorCounts);
          for (Case c : errorCases) {
            writeCase(f, c);
          }
          if (noteText.length() > 0) {
            f.writeCharacters("\n    ");
            f.writeStartElement("system-out");
            f.writeCharacters(clean(noteText.toString()));
            f.writeEndElement();
          }
          f.writeCharacters("\n  ");
          f.writeEndElement();
          f.flush();
        }
        x.writeCharacters(anyPackageSuite || !scenarios.isEmpty() || errorSuite ? "\n" : "");
        x.writeEndElement();
        x.writeEndDocument();
        x.flush();
        x.close();
      } catch (XMLStreamException e) {
        throw failed(e);
      }
      out.println();
      out.flush();
    }

    @Override
    public void close() {
      current.values().forEach(RuleFindings::close);
      packageSuites.close();
      steps.close();
    }
  }

  /** Tests, failures, errors and skips of a suite (or of all of them). */
  private static final class Counts {
    long tests;
    long failures;
    long errors;
    long skipped;

    void add(Outcome o) {
      tests++;
      switch (o) {
        case FAILED -> failures++;
        case ERROR -> errors++;
        case SKIPPED -> skipped++;
        case PASSED -> { }
      }
    }

    void addAll(Counts c) {
      tests += c.tests;
      failures += c.failures;
      errors += c.errors;
      skipped += c.skipped;
    }
  }

  /** A scenario's steps: their counts and where their testcases are in the step spool. */
  private static final class ScenarioSuite {
    final Counts counts = new Counts();
    final List<long[]> ranges = new ArrayList<>();

    void add(long from, long to, Outcome o) {
      counts.add(o);
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] == from) {
        last[1] = to;
      } else {
        ranges.add(new long[] {from, to});
      }
    }
  }

  /**
   * One rule's findings in the package being reported, as its testcase needs them: counts, the
   * first failing message, the worst failing severity, and the texts (failure detail, output),
   * which go to a file when long.
   */
  private static final class RuleFindings implements AutoCloseable {
    private int total;
    private int waived;
    private int failing;
    private Violation firstFailing;
    private Severity worst;
    /** The file of the rule's first finding in the package (GitLab shows it beside the test). */
    private String file;
    private final Spool detail = new Spool(RULE_TEXT_MEMORY_BYTES);
    private final Spool out = new Spool(RULE_TEXT_MEMORY_BYTES);

    void add(Violation v) {
      total++;
      if (file == null && v.location() != null && v.location().file() != null) {
        file = v.location().file();
      }
      if (v.waived()) {
        waived++;
        out.append("waived: " + line(v) + "\n");
      } else if (v.severity() == Severity.INFO) {
        out.append(line(v) + "\n");
      } else {
        failing++;
        if (firstFailing == null) {
          firstFailing = v;
        }
        if (worst == null || v.severity().compareTo(worst) < 0) {
          worst = v.severity();
        }
        detail.append(line(v) + "\n");
      }
    }

    Case toCase(String pkg, String ruleId) {
      if (failing > 0) {
        String message = failing == 1 ? firstFailing.message()
            : failing + " findings: " + firstFailing.message() + " (and " + (failing - 1) + " more)";
        return new Case(pkg, ruleId, Outcome.FAILED, message, worst.id(), detail.reader(), out.reader(), !out.isEmpty(), file);
      }
      if (waived > 0 && waived == total) {
        return new Case(pkg, ruleId, Outcome.SKIPPED, "waived", null, null, out.reader(), !out.isEmpty(), file);
      }
      return new Case(pkg, ruleId, Outcome.PASSED, null, null, null, out.reader(), !out.isEmpty(), file);
    }

    @Override
    public void close() {
      detail.close();
      out.close();
    }
  }

  private static void writeSuiteStart(XMLStreamWriter x, String name, Counts c) throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", clean(name));
    counts(x, c);
  }

  /** Seconds as JUnit's {@code time} attribute: {@code 0.125}. */
  private static String seconds(double s) {
    return String.format(java.util.Locale.ROOT, "%.3f", s);
  }

  private static void counts(XMLStreamWriter x, Counts c) throws XMLStreamException {
    x.writeAttribute("tests", Long.toString(c.tests));
    x.writeAttribute("failures", Long.toString(c.failures));
    x.writeAttribute("errors", Long.toString(c.errors));
    x.writeAttribute("skipped", Long.toString(c.skipped));
  }

  private static void writeCase(XMLStreamWriter x, Case c) throws XMLStreamException {
    x.writeCharacters("\n    ");
    if (c.outcome() == Outcome.PASSED && !c.hasOut()) {
      x.writeEmptyElement("testcase");
      x.writeAttribute("classname", clean(c.classname()));
      x.writeAttribute("name", clean(c.name()));
      return;
    }
    x.writeStartElement("testcase");
    x.writeAttribute("classname", clean(c.classname()));
    x.writeAttribute("name", clean(c.name()));
    if (c.file() != null) {
      x.writeAttribute("file", clean(c.file()));
    }
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
        writeText(x, c.detail());
      }
      x.writeEndElement();
    }
    if (c.hasOut()) {
      x.writeCharacters("\n      ");
      x.writeStartElement("system-out");
      writeText(x, c.out());
      x.writeEndElement();
    }
    x.writeCharacters("\n    ");
    x.writeEndElement();
  }

  /** Text read in pieces, cleaned; a surrogate pair split between two pieces is kept together. */
  private static void writeText(XMLStreamWriter x, Reader text) throws XMLStreamException {
    char[] buf = new char[8192];
    StringBuilder piece = new StringBuilder();
    try (text) {
      for (int n = text.read(buf); n >= 0; n = text.read(buf)) {
        piece.append(buf, 0, n);
        boolean carry = piece.length() > 0 && Character.isHighSurrogate(piece.charAt(piece.length() - 1));
        int upTo = carry ? piece.length() - 1 : piece.length();
        x.writeCharacters(clean(piece.substring(0, upTo)));
        piece.delete(0, upTo);
      }
      if (piece.length() > 0) {
        x.writeCharacters(clean(piece.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IllegalStateException failed(XMLStreamException e) {
    return new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
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
