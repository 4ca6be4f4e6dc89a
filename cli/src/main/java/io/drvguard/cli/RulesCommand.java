package io.drvguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RuleMetadata;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drvguard rules}: the rule catalog. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Rule catalog.",
    subcommands = {RulesCommand.ListCommand.class})
final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: use `rules list`");
  }

  /** {@code drvguard rules list}: one line (or JSON object) per rule. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every rule with its metadata.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
      Engine engine = Engine.withBundledRules();
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = mapper.createArrayNode();
        for (RuleMetadata r : engine.ruleBase().rules().values()) {
          arr.addObject().put("id", r.id()).put("requirement", r.requirement())
              .put("severity", r.severity().id()).put("title", r.title()).put("source", r.source());
        }
        out.println(mapper.writeValueAsString(arr));
      } else {
        for (RuleMetadata r : engine.ruleBase().rules().values()) {
          out.printf("%-36s %-8s %-8s %s%n", r.id(), r.requirement(), r.severity().id(), r.title());
        }
      }
      out.flush();
      return Main.OK;
    }
  }
}
