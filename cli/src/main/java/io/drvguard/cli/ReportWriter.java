package io.drvguard.cli;

import io.drvguard.engine.CheckResult;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import java.io.PrintWriter;
import java.util.List;

/** Renders a report in one output format, as the command runs ({@link ReportStream}). */
interface ReportWriter {
  /**
   * Starts a report on {@code out}.
   *
   * @param rules the rules that ran, for formats that describe them
   * @param decisions whether decisions may come (simulate); a format that lists findings after the
   *     decisions spools the findings then, and writes them as they come otherwise
   */
  ReportStream open(PrintWriter out, List<RuleMetadata> rules, boolean decisions);

  /** Writes a report held whole. */
  default void write(Report report, PrintWriter out) {
    try (ReportStream s = open(out, report.rules(), !report.decisions().isEmpty())) {
      for (CheckResult p : report.packages()) {
        p.violations().forEach(s::finding);
        s.endPackage(p.packageName());
      }
      report.decisions().forEach(s::decision);
      s.finish(Tally.of(report), report.errors(), report.notes());
    }
  }

  static ReportWriter of(OutputFormat format, boolean color, boolean summary) {
    return of(format, color, summary, RuleDocs.bundled());
  }

  /** @param docs the rules' docs, for SARIF's rule descriptors */
  static ReportWriter of(OutputFormat format, boolean color, boolean summary, RuleDocs docs) {
    return switch (format) {
      case text -> new TextReportWriter(color, summary);
      case json -> new JsonReportWriter();
      case sarif -> new SarifReportWriter(docs);
      case junit -> new JunitReportWriter();
    };
  }
}
