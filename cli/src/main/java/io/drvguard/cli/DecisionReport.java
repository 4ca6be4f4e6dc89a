package io.drvguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The report {@code drvguard simulate} writes, for callers outside this module that decide steps
 * another way (module {@code streams}: {@code replay} runs scenarios through a Kafka Streams
 * topology and prints what simulate prints). It is simulate's own writers behind a small surface,
 * so both print the same lines; also the JSON of one decision and one finding as the JSON report
 * holds them, for records that carry them one at a time.
 */
public final class DecisionReport implements AutoCloseable {
  private final ReportSink sink;

  private DecisionReport(ReportSink sink) {
    this.sink = sink;
  }

  /**
   * Starts a report on {@code out}, without colour.
   *
   * @param format {@code text}, {@code json}, {@code sarif} or {@code junit}, as {@code --format}
   * @param rules the rules that decide, for the formats that describe them
   * @throws IllegalArgumentException for another format
   */
  public static DecisionReport open(PrintWriter out, String format, List<RuleMetadata> rules) {
    OutputFormat f;
    try {
      f = OutputFormat.valueOf(format.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format `" + format + "`; expected text, json, sarif or junit", e);
    }
    return new DecisionReport(new ReportSink(ReportWriter.of(f, false, true, RuleDocs.bundled()).open(out, rules, true), null));
  }

  /** One decided step, reported as simulate reports it. */
  public void decision(DecisionRecord d) {
    sink.decision(d);
  }

  /** A finding of the package whose steps are being reported. */
  public void finding(Violation v) {
    sink.finding(v);
  }

  /** The findings of {@code packageName} so far are complete (simulate calls this after each scenario). */
  public void endPackage(String packageName) {
    sink.endPackage(packageName);
  }

  /**
   * Writes the rest of the report (the summary); true when an expectation failed or a finding is an error,
   * which is when simulate exits 1 by default.
   */
  public boolean finish() {
    return sink.finish(List.of(), List.of()).fails(FailOn.error);
  }

  /** {@code d} as an element of the JSON report's {@code decisions}. */
  public static ObjectNode decisionJson(DecisionRecord d) {
    return JsonReportWriter.decisionJson(d);
  }

  /** {@code v} as an element of the JSON report's {@code violations}. */
  public static ObjectNode violationJson(Violation v) {
    return JsonReportWriter.violationJson(v);
  }

  @Override
  public void close() throws IOException {
    sink.close();
  }
}
