package io.drvguard.cli;

import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --format}, {@code --output}, {@code --fail-on}, {@code --quiet}: shared by every reporting command. */
final class OutputOptions {
  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at or above LEVEL: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(names = {"-q", "--quiet"}, description = "Text format: print findings only, no summary line.")
  boolean quiet;

  /**
   * Starts the report where the options say; colour only for text on an interactive terminal.
   *
   * @param rules the rules that ran, for formats that describe them
   * @param decisions whether decisions will be reported (simulate)
   */
  ReportSink open(PrintWriter stdout, List<RuleMetadata> rules, boolean decisions) throws IOException {
    return open(stdout, rules, RuleDocs.bundled(), decisions, List.of());
  }

  /**
   * As {@link #open(PrintWriter, List, boolean)}, refusing an {@code --output} that would
   * overwrite or land inside one of {@code inputs} (see {@link ReportTarget}).
   *
   * @param docs the rules' docs, for formats that describe the rules (SARIF's rule help)
   */
  ReportSink open(PrintWriter stdout, List<RuleMetadata> rules, RuleDocs docs, boolean decisions, List<Path> inputs)
      throws IOException {
    if (output != null) {
      ReportTarget t = ReportTarget.of(output, inputs);
      PrintWriter w;
      try {
        w = new PrintWriter(Files.newBufferedWriter(t.partial(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new OutputException("cannot write the report to `" + output + "`: " + ReportTarget.reason(e), e);
      }
      return new ReportSink(writer(false, docs).open(w, rules, decisions), w, t.target(), t.partial());
    }
    boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
    return new ReportSink(writer(color, docs).open(stdout, rules, decisions), null);
  }

  private ReportWriter writer(boolean color, RuleDocs docs) {
    return ReportWriter.of(format, color, !quiet, docs);
  }
}
