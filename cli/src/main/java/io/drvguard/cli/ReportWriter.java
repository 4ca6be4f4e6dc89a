package io.drvguard.cli;

import java.io.PrintWriter;

/** Renders a report in one output format. */
interface ReportWriter {
  void write(Report report, PrintWriter out);

  static ReportWriter of(OutputFormat format, boolean color, boolean summary) {
    return switch (format) {
      case text -> new TextReportWriter(color, summary);
      case json -> new JsonReportWriter();
      case sarif -> new SarifReportWriter();
      case junit -> new JunitReportWriter();
    };
  }
}
