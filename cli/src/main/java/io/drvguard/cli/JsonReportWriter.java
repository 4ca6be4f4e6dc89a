package io.drvguard.cli;

import io.drvguard.library.Note;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON document of DESIGN.md ("JSON output"), written with a streaming generator as the run
 * goes (see {@link Stream}): the key order and layout are those of the document built whole.
 */
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
    if (d.doc() != null) {
      ObjectNode doc = o.putObject("ruleDoc");
      doc.put("why", d.doc().whyInBrief());
      doc.put("doc", DecisionRecord.docReference(d.doc()));
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

  /** One finding as DESIGN.md gives it. */
  static ObjectNode violationJson(Violation v) {
    ObjectNode o = MAPPER.createObjectNode();
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
    if (v.waiverReason() != null) {
      o.put("waiverReason", v.waiverReason());
    }
    return o;
  }

  @Override
  public ReportStream open(PrintWriter out, List<RuleMetadata> rules, boolean decisions) {
    try {
      JsonGenerator gen = MAPPER.writer().createGenerator(out);
      gen.writeStartObject();
      gen.writeObjectFieldStart("tool");
      gen.writeStringField("name", "drvguard");
      gen.writeStringField("version", VersionProvider.version());
      gen.writeEndObject();
      gen.writeArrayFieldStart("violations");
      return new Stream(out, gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The document written as the run goes: violations as they come; decisions, which the document
   * lists after all the violations, spooled as JSON lines and copied in at the end.
   */
  private static final class Stream implements ReportStream {
    private final PrintWriter out;
    private final JsonGenerator gen;
    private final Spool decisions = new Spool();

    Stream(PrintWriter out, JsonGenerator gen) {
      this.out = out;
      this.gen = gen;
    }

    @Override
    public void finding(Violation v) {
      try {
        gen.writeTree(violationJson(v));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void endPackage(String packageName) {
      try {
        gen.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void decision(DecisionRecord d) {
      decisions.append(line(d) + "\n");
    }

    @Override
    public void finish(Tally t, List<InputException> errorList, List<Note> noteList) {
      try {
        gen.writeEndArray();
        gen.writeArrayFieldStart("decisions");
        Spool.copyJson(decisions, gen);
        gen.writeEndArray();
        // extension of the DESIGN.md document: inputs that could not be read (exit status 2)
        ArrayNode errors = MAPPER.createArrayNode();
        for (var e : errorList) {
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
        gen.writeFieldName("errors");
        gen.writeTree(errors);
        ArrayNode notes = MAPPER.createArrayNode();
        for (var n : noteList) {
          ObjectNode o = notes.addObject();
          o.put("file", n.location().file());
          o.put("line", n.location().line());
          o.put("code", n.code());
          o.put("message", n.message());
        }
        gen.writeFieldName("notes");
        gen.writeTree(notes);
        ObjectNode summary = MAPPER.createObjectNode();
        ObjectNode sv = summary.putObject("violations");
        for (Map.Entry<Severity, Long> e : t.counts().entrySet()) {
          sv.put(e.getKey().id(), e.getValue());
        }
        ObjectNode sd = summary.putObject("decisions");
        sd.put("allow", t.allowed());
        sd.put("deny", t.denied());
        ObjectNode se = summary.putObject("expectations");
        se.put("passed", t.expectationsPassed());
        se.put("failed", t.expectationsFailed());
        gen.writeFieldName("summary");
        gen.writeTree(summary);
        gen.writeEndObject();
        gen.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println();
      out.flush();
    }

    @Override
    public void close() {
      decisions.close();
    }
  }
}
