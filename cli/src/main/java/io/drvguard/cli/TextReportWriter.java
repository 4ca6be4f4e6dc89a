package io.drvguard.cli;

import io.drvguard.library.Note;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Compiler-style lines, {@code file:line:col: severity: message [REQ RuleId] (package/subject)},
 * which editors and CI log viewers turn into links; then a one-line summary.
 *
 * <p>Streamed: each decision line is printed as the step is decided and each finding as its
 * package is checked; only when decisions may come (simulate), whose lines come first, are the
 * findings spooled until the end.
 */
final class TextReportWriter implements ReportWriter {
  private final boolean color;
  private final boolean summary;

  TextReportWriter(boolean color, boolean summary) {
    this.color = color;
    this.summary = summary;
  }

  @Override
  public ReportStream open(PrintWriter out, List<RuleMetadata> rules, boolean decisions) {
    return new Stream(out, decisions ? new Spool() : null);
  }

  private final class Stream implements ReportStream {
    private final PrintWriter out;
    /** Findings held back for after the decisions; null when they are printed at once. */
    private final Spool findings;

    Stream(PrintWriter out, Spool findings) {
      this.out = out;
      this.findings = findings;
    }

    @Override
    public void decision(DecisionRecord d) {
      var dec = d.decision();
      StringBuilder sb = new StringBuilder();
      sb.append(d.location()).append(": ").append(d.step()).append(' ').append(d.request()).append(' ')
          .append(d.principal() == null ? "-" : d.principal()).append(' ').append(d.target()).append(" -> ")
          .append(dec.verdict().id()).append(' ').append(dec.status().name())
          .append(" [").append(dec.requirement()).append(' ').append(dec.ruleId()).append("] ").append(dec.reason());
      if (d.met() != null) {
        sb.append(d.met() ? "  (expected: met)" : "  (EXPECTATION FAILED: " + String.join("; ", d.mismatches()) + ")");
      }
      out.println(sb);
      for (var f : d.trace()) {
        out.println("    fired " + f.ruleId() + " [" + f.requirement() + "] on " + String.join(", ", f.matched()));
      }
      if (d.doc() != null) {
        String why = d.doc().whyInBrief();
        if (!why.isEmpty()) {
          out.println("    why " + dec.ruleId() + ": " + why);
        }
        out.println("    doc: " + DecisionRecord.docReference(d.doc()));
      }
    }

    @Override
    public void finding(Violation v) {
      String line = v.location() + ": " + paint(v.severity()) + (v.waived() ? " (waived)" : "") + ": "
          + v.message() + " [" + v.requirement() + " " + v.ruleId() + "] (" + v.packageName() + "/" + v.subject() + ")";
      if (findings == null) {
        out.println(line);
      } else {
        findings.append(line + System.lineSeparator());
      }
    }

    @Override
    public void endPackage(String packageName) {
      out.flush();
    }

    @Override
    public void finish(Tally t, List<InputException> errors, List<Note> notes) {
      if (findings != null) {
        findings.copyTo(out);
      }
      if (summary) {
        Map<Severity, Long> c = t.counts();
        long total = c.values().stream().mapToLong(Long::longValue).sum();
        long pkgs = t.packages();
        int unread = errors.size();
        if (t.decisions() > 0) {
          out.println(t.decisions() + " decision" + (t.decisions() == 1 ? "" : "s") + " (" + t.allowed() + " allow, "
              + t.denied() + " deny); expectations: " + t.expectationsPassed() + " met, "
              + t.expectationsFailed() + " failed");
        }
        out.println(total + " finding" + (total == 1 ? "" : "s") + " (" + c.get(Severity.ERROR) + " error, "
            + c.get(Severity.WARNING) + " warning, " + c.get(Severity.INFO) + " info) in " + pkgs + " package"
            + (pkgs == 1 ? "" : "s")
            + (unread == 0 ? "" : "; " + unread + " input" + (unread == 1 ? "" : "s") + " could not be read"));
      }
      out.flush();
    }

    @Override
    public void close() {
      if (findings != null) {
        findings.close();
      }
    }
  }

  private String paint(Severity s) {
    if (!color) {
      return s.id();
    }
    String code = switch (s) {
      case ERROR -> "\u001b[31;1m";
      case WARNING -> "\u001b[33;1m";
      case INFO -> "\u001b[36m";
    };
    return code + s.id() + "\u001b[0m";
  }
}
