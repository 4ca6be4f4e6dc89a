package io.drvguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleDoc;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drvguard rules}: the rule catalog. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Rule catalog: list, check external DRL, generate docs.",
    subcommands = {RulesCommand.ListCommand.class, RulesCommand.CheckRulesCommand.class, RulesCommand.DocCommand.class})
final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: use `rules list`, `rules check DIR` or `rules doc`");
  }

  /** {@code drvguard rules list}: one line (or JSON object) per rule. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every rule with its metadata.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
      Collection<RuleMetadata> rules = engineOptions.engine().ruleBase().rules().values();
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = mapper.createArrayNode();
        for (RuleMetadata r : rules) {
          // a decision rule that only votes allow or deny, and an inference rule, have no severity
          arr.addObject().put("id", r.id()).put("requirement", r.requirement())
              .put("severity", r.severity() == null ? null : r.severity().id()).put("title", r.title()).put("source", r.source())
              .put("kind", r.decision() ? "decision" : r.inference() ? "inference" : "check");
        }
        out.println(mapper.writeValueAsString(arr));
      } else {
        for (RuleMetadata r : rules) {
          out.printf("%-44s %-8s %-9s %s%s%n", r.id(), r.requirement(), r.severityOrKind(), r.title(),
              r.source().equals("bundled") ? "" : "  (" + r.source() + ")");
        }
      }
      out.flush();
      return Main.OK;
    }
  }

  /**
   * {@code drvguard rules check DIR...}: compiles an external rule folder beside the bundled rules
   * and validates its metadata; problems are exit 2 with file, line and column.
   */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Compile the .drl files under DIR with the bundled rules and validate their metadata.")
  static final class CheckRulesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "External rule folder(s).")
    List<Path> dirs;

    @Option(names = "--no-default-rules", description = "Check the folder alone, without the bundled rules.")
    boolean noDefaultRules;

    @Override
    public Integer call() throws Exception {
      EngineOptions opts = new EngineOptions();
      opts.ruleDirs = dirs;
      opts.noDefaultRules = noDefaultRules;
      Engine engine = opts.engine();
      PrintWriter out = spec.commandLine().getOut();
      List<RuleMetadata> external = new ArrayList<>();
      for (RuleMetadata r : engine.ruleBase().rules().values()) {
        if (!r.source().equals("bundled")) {
          external.add(r);
        }
      }
      java.util.Set<String> bundledIds = new java.util.HashSet<>();
      if (!noDefaultRules) {
        for (RuleMetadata r : Engine.withBundledRules().ruleBase().rules().values()) {
          bundledIds.add(r.id());
        }
      }
      for (RuleMetadata r : external) {
        out.println(r.source() + ": " + r.id() + " [" + r.requirement() + ", " + r.severityOrKind() + "]"
            + (bundledIds.contains(r.id()) ? " overrides the bundled rule" : ""));
      }
      out.println("rules check: " + external.size() + " rule" + (external.size() == 1 ? "" : "s") + " in "
          + String.join(", ", dirs.stream().map(Path::toString).toList()) + ": ok");
      out.flush();
      return Main.OK;
    }
  }

  /**
   * {@code drvguard rules doc [RULE-ID]}: the Markdown reference, one section per requirement with
   * its rules and each rule's doc; or, given a rule id, that rule's doc alone (as conftest's and
   * semgrep's rule help).
   */
  @Command(name = "doc", mixinStandardHelpOptions = true,
      description = "Write a Markdown reference generated from the rule metadata, the requirement catalog and the rule docs;"
          + " with RULE-ID, print that rule's doc.")
  static final class DocCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin EngineOptions engineOptions;

    @Parameters(arity = "0..1", paramLabel = "RULE-ID", description = "Print this rule's doc only.")
    String ruleId;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
      Engine engine = engineOptions.engine();
      RuleDocs docs = engineOptions.ruleDocs();
      String doc;
      if (ruleId != null) {
        RuleMetadata rule = engine.ruleBase().rules().get(ruleId);
        if (rule == null) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no rule `" + ruleId
              + "`; `drvguard rules list` lists the rule ids");
        }
        doc = docs.of(rule).map(RuleDoc::markdown).orElseGet(() -> withoutDoc(rule));
      } else {
        doc = markdown(engine.ruleBase().catalog(), engine.ruleBase().rules().values(), docs);
      }
      if (output != null) {
        Files.writeString(output, doc, StandardCharsets.UTF_8);
      } else {
        spec.commandLine().getOut().print(doc);
        spec.commandLine().getOut().flush();
      }
      return Main.OK;
    }

    /** What is known of a rule that has no doc: its metadata, and where its doc would go. */
    static String withoutDoc(RuleMetadata r) {
      return "# " + r.id() + ": " + r.title() + "\n\nRequirement: `" + r.requirement() + "` · Severity: `"
          + r.severityOrKind() + "`\n\nThis rule has no doc"
          + (r.source().equals("bundled") ? "." : " (its doc would be `" + RuleDocs.AUTHOR_DIR + "/" + r.id()
              + ".md` in the folder of `" + r.source() + "` or a folder above it, within --rules).")
          + "\n";
    }

    /** The reference: each requirement, a table of its rules, and the doc of each rule that has one. */
    static String markdown(RequirementCatalog catalog, Collection<RuleMetadata> rules, RuleDocs docs) {
      StringBuilder sb = new StringBuilder();
      sb.append("<!-- DO NOT EDIT: generated by `drvguard rules doc` from the rule metadata, the requirement catalog"
          + " and the rule docs -->\n\n");
      sb.append("# drvguard rule reference\n");
      for (RequirementCatalog.Requirement req : catalog.all().values()) {
        sb.append("\n## ").append(req.id()).append(": ").append(req.title()).append("\n\n");
        sb.append("Kind ").append(req.kind());
        if (!req.defaultSeverity().equals("-")) {
          sb.append(", default severity ").append(req.defaultSeverity());
        }
        sb.append(".\n\n");
        List<RuleMetadata> mine = rules.stream().filter(r -> r.requirement().equals(req.id())).toList();
        if (mine.isEmpty()) {
          sb.append(req.kind().startsWith("M") ? "A model fact: computed by the engine, checked by the rules that use it.\n"
              : "No rule yet.\n");
          continue;
        }
        sb.append("| rule | severity (or decision) | title | source |\n|---|---|---|---|\n");
        for (RuleMetadata r : mine) {
          sb.append("| `").append(r.id()).append("` | ").append(r.severityOrKind()).append(" | ").append(r.title())
              .append(" | ").append(r.source()).append(" |\n");
        }
        for (RuleMetadata r : mine) {
          docs.of(r).ifPresent(d -> sb.append('\n').append(nested(d.markdown())));
        }
      }
      return sb.toString();
    }

    /**
     * A rule's doc under its requirement's {@code ##} heading: every heading two levels deeper
     * ({@code #} becomes {@code ###}), except inside code blocks, where {@code #} is a comment.
     */
    static String nested(String markdown) {
      StringBuilder sb = new StringBuilder();
      boolean fenced = false;
      for (String line : markdown.lines().toList()) {
        if (line.strip().startsWith("```")) {
          fenced = !fenced;
        }
        sb.append(!fenced && line.startsWith("#") ? "##" + line : line).append('\n');
      }
      return sb.toString();
    }
  }
}
