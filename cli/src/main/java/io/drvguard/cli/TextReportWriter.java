package io.drvguard.cli;

import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Compiler-style lines, {@code file:line:col: severity: message [REQ RuleId] (package/subject)},
 * which editors and CI log viewers turn into links; then a one-line summary.
 */
final class TextReportWriter implements ReportWriter {
  private final boolean color;
  private final boolean summary;

  TextReportWriter(boolean color, boolean summary) {
    this.color = color;
    this.summary = summary;
  }

  @Override
  public void write(Report report, PrintWriter out) {
    for (DecisionRecord d : report.decisions()) {
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
    }
    for (Violation v : report.violations()) {
      out.println(v.location() + ": " + paint(v.severity()) + (v.waived() ? " (waived)" : "") + ": "
          + v.message() + " [" + v.requirement() + " " + v.ruleId() + "] (" + v.packageName() + "/" + v.subject() + ")");
    }
    if (!summary) {
      return;
    }
    Map<Severity, Integer> c = report.counts();
    int total = c.values().stream().mapToInt(Integer::intValue).sum();
    int pkgs = report.packages().size();
    int errors = report.errors().size();
    if (!report.decisions().isEmpty()) {
      out.println(report.decisions().size() + " decision" + (report.decisions().size() == 1 ? "" : "s") + " ("
          + report.allowed() + " allow, " + (report.decisions().size() - report.allowed()) + " deny); expectations: "
          + report.expectationsPassed() + " met, " + report.expectationsFailed() + " failed");
    }
    out.println(total + " finding" + (total == 1 ? "" : "s") + " (" + c.get(Severity.ERROR) + " error, "
        + c.get(Severity.WARNING) + " warning, " + c.get(Severity.INFO) + " info) in " + pkgs + " package"
        + (pkgs == 1 ? "" : "s")
        + (errors == 0 ? "" : "; " + errors + " input" + (errors == 1 ? "" : "s") + " could not be read"));
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
