package io.drvguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RequirementCatalog;
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
          out.printf("%-44s %-8s %-8s %s%s%n", r.id(), r.requirement(), r.severityOrKind(), r.title(),
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

  /** {@code drvguard rules doc}: Markdown reference, one section per requirement with its rules. */
  @Command(name = "doc", mixinStandardHelpOptions = true,
      description = "Write a Markdown reference generated from the rule metadata and the requirement catalog.")
  static final class DocCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin EngineOptions engineOptions;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
      Engine engine = engineOptions.engine();
      String doc = markdown(engine.ruleBase().catalog(), engine.ruleBase().rules().values());
      if (output != null) {
        Files.writeString(output, doc, StandardCharsets.UTF_8);
      } else {
        spec.commandLine().getOut().print(doc);
        spec.commandLine().getOut().flush();
      }
      return Main.OK;
    }

    static String markdown(RequirementCatalog catalog, Collection<RuleMetadata> rules) {
      StringBuilder sb = new StringBuilder();
      sb.append("<!-- DO NOT EDIT: generated by `drvguard rules doc` from the rule metadata and the requirement catalog -->\n\n");
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
      }
      return sb.toString();
    }
  }
}
