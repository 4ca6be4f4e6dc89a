package io.drvguard.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** The JSON document of DESIGN.md ("JSON output"). */
final class JsonReportWriter implements ReportWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /** One decision as DESIGN.md gives it; also one line of {@code --decision-log}. */
  static ObjectNode decisionJson(DecisionRecord d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("scenario", d.scenario());
    o.put("step", d.step());
    o.put("request", d.request());
    o.put("principal", d.principal());
    o.put("target", d.target());
    o.put("decision", d.decision().verdict().id());
    o.put("status", d.decision().status().name());
    o.put("requirement", d.decision().requirement());
    o.put("ruleId", d.decision().ruleId());
    o.put("reason", d.decision().reason());
    if (d.expected() != null) {
      o.put("expected", d.expected());
    } else {
      o.putNull("expected");
    }
    if (d.met() != null) {
      o.put("met", d.met());
    } else {
      o.putNull("met");
    }
    if (!d.mismatches().isEmpty()) {
      ArrayNode m = o.putArray("mismatches");
      d.mismatches().forEach(m::add);
    }
    if (!d.trace().isEmpty()) {
      ArrayNode t = o.putArray("explain");
      for (var f : d.trace()) {
        ObjectNode fo = t.addObject();
        fo.put("ruleId", f.ruleId());
        fo.put("requirement", f.requirement());
        ArrayNode facts = fo.putArray("matched");
        f.matched().forEach(facts::add);
      }
    }
    return o;
  }

  static String line(DecisionRecord d) {
    try {
      return LINE_MAPPER.writeValueAsString(decisionJson(d));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper LINE_MAPPER = new ObjectMapper();

  @Override
  public void write(Report report, PrintWriter out) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode tool = root.putObject("tool");
    tool.put("name", "drvguard");
    tool.put("version", VersionProvider.version());
    ArrayNode violations = root.putArray("violations");
    for (Violation v : report.violations()) {
      ObjectNode o = violations.addObject();
      o.put("ruleId", v.ruleId());
      o.put("requirement", v.requirement());
      o.put("severity", v.severity().id());
      o.put("package", v.packageName());
      o.put("subject", v.subject());
      o.put("message", v.message());
      ObjectNode loc = o.putObject("location");
      loc.put("file", v.location() == null ? null : v.location().file());
      if (v.location() != null && v.location().line() > 0) {
        loc.put("line", v.location().line());
      }
      o.put("waived", v.waived());
    }
    ArrayNode decisions = root.putArray("decisions");
    for (DecisionRecord d : report.decisions()) {
      decisions.add(decisionJson(d));
    }
    // extension of the DESIGN.md document: inputs that could not be read (exit status 2)
    ArrayNode errors = root.putArray("errors");
    for (var e : report.errors()) {
      ObjectNode o = errors.addObject();
      o.put("file", e.file());
      if (e.line() > 0) {
        o.put("line", e.line());
      }
      if (e.column() > 0) {
        o.put("column", e.column());
      }
      o.put("code", e.code());
      o.put("message", e.detail());
    }
    ArrayNode notes = root.putArray("notes");
    for (var n : report.notes()) {
      ObjectNode o = notes.addObject();
      o.put("file", n.location().file());
      o.put("line", n.location().line());
      o.put("code", n.code());
      o.put("message", n.message());
    }
    ObjectNode summary = root.putObject("summary");
    ObjectNode sv = summary.putObject("violations");
    for (Map.Entry<Severity, Integer> e : report.counts().entrySet()) {
      sv.put(e.getKey().id(), e.getValue());
    }
    ObjectNode sd = summary.putObject("decisions");
    sd.put("allow", report.allowed());
    sd.put("deny", report.decisions().size() - report.allowed());
    ObjectNode se = summary.putObject("expectations");
    se.put("passed", report.expectationsPassed());
    se.put("failed", report.expectationsFailed());
    try {
      MAPPER.writeValue(out, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
