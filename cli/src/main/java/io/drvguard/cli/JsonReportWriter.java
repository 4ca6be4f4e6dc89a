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
    root.putArray("decisions");
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
    sd.put("allow", 0);
    sd.put("deny", 0);
    ObjectNode se = summary.putObject("expectations");
    se.put("passed", 0);
    se.put("failed", 0);
    try {
      MAPPER.writeValue(out, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
