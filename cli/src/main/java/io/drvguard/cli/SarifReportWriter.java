package io.drvguard.cli;

import io.drvguard.library.Note;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleDoc;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 (OASIS), one run. {@code tool.driver.rules} holds one reporting descriptor per rule that
 * ran; every finding is a result pointing at its rule ({@code ruleId}, {@code ruleIndex}), with the
 * finding's own level (a configured severity override shows here, the rule's default in
 * {@code defaultConfiguration}), the INF or manifest file and line (relative to {@code %SRCROOT%},
 * {@link SourceRoot}, when it lies under it), a partial fingerprint that stays the same while rule,
 * package, subject and file do (so code-scanning services track a finding across edits that move its
 * line, and two copies of one package are two findings), and an {@code external} suppression, with
 * the waiver's reason, when a waiver covers it. A rule
 * with a doc ({@link RuleDocs}) gets it as {@code fullDescription} (its "Why"), {@code help.text}
 * ("Why" and "How to fix") and {@code help.markdown} (the whole doc); a rule without one has none.
 *
 * <p>Inputs that could not be read are {@code toolExecutionNotifications} of level {@code error}
 * (and make {@code executionSuccessful} false); INF notes are notifications of level {@code note}.
 * Each notification names its stable code as a descriptor listed in {@code tool.driver.notifications}.
 * Simulation decisions are not SARIF results (they are not problems in an artifact) and are left out:
 * the JSON format carries them.
 *
 * <p>Results are spooled as the run goes (see {@link Stream}) and the document is written at the
 * end, so memory does not grow with the number of findings.
 */
final class SarifReportWriter implements ReportWriter {
  static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  /** The key of {@link #fingerprint}; bump the version if what it hashes changes. */
  static final String FINGERPRINT_KEY = "drvguardFinding/v2";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final RuleDocs docs;
  private final SourceRoot root;

  /** With the bundled rules' docs. */
  SarifReportWriter() {
    this(RuleDocs.bundled());
  }

  SarifReportWriter(RuleDocs docs) {
    this(docs, SourceRoot.current());
  }

  SarifReportWriter(RuleDocs docs, SourceRoot root) {
    this.docs = docs;
    this.root = root;
  }

  @Override
  public ReportStream open(PrintWriter out, List<RuleMetadata> rules, boolean decisions) {
    return new Stream(out, rules, docs, root);
  }

  /**
   * The run's results come last in the document, after the invocation that lists the inputs that
   * could not be read, which are known only at the end: results are spooled as JSON lines and
   * copied in then.
   */
  private static final class Stream implements ReportStream {
    private final PrintWriter out;
    private final List<RuleMetadata> rules;
    private final RuleDocs docs;
    private final SourceRoot root;
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final Spool results = new Spool();
    /** How often each fingerprint has been given: a repeat gets its occurrence number hashed in. */
    private final Map<String, Integer> fingerprints = new HashMap<>();

    Stream(PrintWriter out, List<RuleMetadata> rules, RuleDocs docs, SourceRoot root) {
      this.out = out;
      this.rules = rules;
      this.docs = docs;
      this.root = root;
      int i = 0;
      for (RuleMetadata r : rules) {
        if (ruleIndex.putIfAbsent(r.id(), i) == null) {
          i++; // an overridden rule is listed once; the map the report comes from has unique ids anyway
        }
      }
    }

    @Override
    public void finding(Violation v) {
      ObjectNode r = result(v, ruleIndex, root);
      // one rule can report one subject of one file twice (two lines of one INF section): the
      // second and later get the occurrence number hashed in, so every result has its own
      ObjectNode fp = (ObjectNode) r.get("partialFingerprints");
      String base = fp.get(FINGERPRINT_KEY).asText();
      int n = fingerprints.merge(base, 1, Integer::sum);
      if (n > 1) {
        fp.put(FINGERPRINT_KEY, sha256(base + '\0' + n));
      }
      results.append(line(r) + "\n");
    }

    @Override
    public void endPackage(String packageName) {}

    @Override
    public void decision(DecisionRecord d) {
      // decisions are not problems in an artifact: the JSON format carries them
    }

    @Override
    public void finish(Tally tally, List<InputException> errors, List<Note> notes) {
      try {
        JsonGenerator gen = MAPPER.writer().createGenerator(out);
        gen.writeStartObject();
        gen.writeStringField("$schema", SCHEMA);
        gen.writeStringField("version", "2.1.0");
        gen.writeArrayFieldStart("runs");
        gen.writeStartObject();
        ObjectNode run = header(rules, docs, errors, notes);
        gen.writeFieldName("tool");
        gen.writeTree(run.get("tool"));
        gen.writeObjectFieldStart("originalUriBaseIds");
        gen.writeObjectFieldStart(SourceRoot.BASE_ID);
        gen.writeStringField("uri", root.uri());
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeFieldName("invocations");
        gen.writeTree(run.get("invocations"));
        gen.writeArrayFieldStart("results");
        Spool.copyJson(results, gen);
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeEndArray();
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
      results.close();
    }
  }

  /** Compact, one line: the spool's form, read back and written with the document's indentation. */
  private static final ObjectMapper LINES = new ObjectMapper();

  private static String line(ObjectNode node) {
    try {
      return LINES.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run's {@code tool} (with the rule descriptors) and {@code invocations}: all but the results. */
  static ObjectNode header(List<RuleMetadata> ruleList, RuleDocs docs, List<InputException> errors,
      List<Note> noteList) {
    ObjectNode run = MAPPER.createObjectNode();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "drvguard");
    driver.put("version", VersionProvider.version());
    ProjectHome project = ProjectHome.current();
    project.informationUri().ifPresent(uri -> driver.put("informationUri", uri));
    Set<String> listed = new HashSet<>();
    ArrayNode rules = driver.putArray("rules");
    for (RuleMetadata r : ruleList) {
      if (!listed.add(r.id())) {
        continue;
      }
      ObjectNode d = rules.addObject();
      d.put("id", r.id());
      d.put("name", r.id());
      d.putObject("shortDescription").put("text", nonNull(r.title()));
      docs.of(r).ifPresent(doc -> {
        help(d, doc);
        project.helpUri(doc).ifPresent(uri -> d.put("helpUri", uri));
      });
      d.putObject("defaultConfiguration").put("level", level(r.severity()));
      ObjectNode props = d.putObject("properties");
      props.put("requirement", r.requirement());
      props.put("source", r.source());
      props.putArray("tags").add(nonNull(r.requirement())).add("security");
      String score = securitySeverity(r.severity());
      if (score != null) {
        props.put("security-severity", score);
      }
    }

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", errors.isEmpty());
    Set<String> codes = new LinkedHashSet<>();
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (InputException e : errors) {
      codes.add(e.code());
      ObjectNode n = notifications.addObject();
      n.put("level", "error");
      n.putObject("message").put("text", e.detail());
      n.putObject("descriptor").put("id", e.code());
      addLocation(n, e.file(), e.line(), e.column());
    }
    for (Note d : noteList) {
      codes.add(d.code());
      ObjectNode n = notifications.addObject();
      n.put("level", "note");
      n.putObject("message").put("text", d.message());
      n.putObject("descriptor").put("id", d.code());
      SourceLocation l = d.location();
      if (l != null) {
        addLocation(n, l.file(), l.line(), l.column());
      }
    }
    if (!codes.isEmpty()) {
      ArrayNode descriptors = driver.putArray("notifications");
      codes.forEach(c -> descriptors.addObject().put("id", c));
    }
    return run;
  }

  /**
   * A rule's doc in its descriptor: the "Why" as {@code fullDescription}, "Why" and "How to fix" as
   * plain {@code help.text} (SARIF requires a text beside Markdown), the whole doc as
   * {@code help.markdown}. A doc without a "Why" gives no {@code fullDescription}.
   */
  private static void help(ObjectNode descriptor, RuleDoc doc) {
    String why = doc.section(RuleDoc.WHY).orElse("");
    String fix = doc.section(RuleDoc.HOW_TO_FIX).orElse("");
    if (!why.isEmpty()) {
      descriptor.putObject("fullDescription").put("text", why);
    }
    String text = (why.isEmpty() ? "" : "Why: " + why) + (why.isEmpty() || fix.isEmpty() ? "" : "\n\n")
        + (fix.isEmpty() ? "" : "How to fix: " + fix);
    ObjectNode help = descriptor.putObject("help");
    help.put("text", text.isEmpty() ? doc.markdown() : text);
    help.put("markdown", doc.markdown());
  }

  /** One finding as a SARIF result, its file relative to {@code root} where it lies under it. */
  static ObjectNode result(Violation v, Map<String, Integer> ruleIndex, SourceRoot root) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("ruleId", v.ruleId());
    Integer index = ruleIndex.get(v.ruleId());
    if (index != null) {
      r.put("ruleIndex", index);
    }
    r.put("level", level(v.severity()));
    r.putObject("message").put("text", nonNull(v.message()));
    SourceLocation l = v.location();
    String relative = l == null || l.file() == null || l.file().isBlank() ? null : root.relative(l.file()).orElse(null);
    if (relative != null) {
      ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", encodePath(relative)).put("uriBaseId", SourceRoot.BASE_ID);
      region(physical, l.line(), l.column());
    } else if (l != null) {
      addLocation(r, l.file(), l.line(), l.column());
    }
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY,
        fingerprint(v, relative != null ? relative : l == null || l.file() == null ? "" : l.file()));
    ObjectNode props = r.putObject("properties");
    props.put("requirement", v.requirement());
    props.put("package", v.packageName());
    props.put("subject", v.subject());
    if (v.waived()) {
      // the waiver file is the external place the suppression lives in; its reason justifies it
      ObjectNode s = r.putArray("suppressions").addObject().put("kind", "external");
      if (v.waiverReason() != null && !v.waiverReason().isBlank()) {
        s.put("justification", v.waiverReason());
      }
    }
    return r;
  }

  /** SARIF levels: error and warning keep their names, info is {@code note}. */
  static String level(Severity s) {
    if (s == null) {
      // a decision rule that only votes reports no finding
      return "none";
    }
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * The score GitHub code scanning reads from a security rule's {@code security-severity} (0.1-3.9
   * low, 4.0-6.9 medium, 7.0-8.9 high, 9.0+ critical): error is high, warning medium, info low. None
   * for a decision rule that only votes: it makes no finding.
   */
  static String securitySeverity(Severity s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case ERROR -> "7.5";
      case WARNING -> "5.0";
      case INFO -> "2.0";
    };
  }

  /**
   * Hex SHA-256 of rule id, package, subject and the finding's file (relative to the source root):
   * the same finding keeps it when its line moves and wherever the checkout lies, and two copies of
   * one package in different folders get different ones.
   */
  static String fingerprint(Violation v, String file) {
    String key = nonNull(v.ruleId()) + '\0' + nonNull(v.packageName()) + '\0' + nonNull(v.subject()) + '\0'
        + nonNull(file);
    return sha256(key);
  }

  private static String sha256(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e); // every JDK has it
    }
  }

  /** {@code locations[0].physicalLocation}; nothing when the file is unknown, no region when the line is. */
  private static void addLocation(ObjectNode owner, String file, int line, int column) {
    if (file == null || file.isBlank()) {
      return;
    }
    ObjectNode physical = owner.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(file));
    region(physical, line, column);
  }

  private static void region(ObjectNode physical, int line, int column) {
    if (line > 0) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", line);
      if (column > 0) {
        region.put("startColumn", column);
      }
    }
  }

  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

  /**
   * A file name as a URI reference: a relative path stays relative (forward slashes, each segment
   * percent-encoded), an absolute path becomes a {@code file:} URI ({@code file:///tmp/p/x.inf},
   * {@code file:///C:/p/x.inf}, {@code file://server/share/x.inf}). Backslashes are separators for
   * drive-letter and UNC paths and wherever the platform's separator is one.
   */
  static String uri(String file) {
    boolean windows = WINDOWS_DRIVE.matcher(file).matches() || file.startsWith("\\\\");
    String path = windows || File.separatorChar == '\\' ? file.replace('\\', '/') : file;
    if (WINDOWS_DRIVE.matcher(file).matches()) {
      return "file:///" + path.substring(0, 2) + encodePath(path.substring(2));
    }
    if (path.startsWith("//")) {
      return "file:" + encodePath(path); // UNC: //server/share/...
    }
    if (path.startsWith("/")) {
      return "file://" + encodePath(path);
    }
    return encodePath(path);
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters, sub-delims, {@code @} and the
   * {@code /} separators, as UTF-8. A colon is encoded too, so a relative path's first segment
   * cannot be read as a scheme.
   */
  private static String encodePath(String path) {
    StringBuilder sb = new StringBuilder(path.length() + 16);
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@/".indexOf(c) >= 0)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
