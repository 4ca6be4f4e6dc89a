package io.drvguard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drvguard} command. {@link #run} returns the exit status so tests run in-process. */
@Command(
    name = "drvguard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Checks Windows driver packages against Microsoft's documented driver security requirements.",
    subcommands = {CheckCommand.class, SimulateCommand.class, VerifyCommand.class, RulesCommand.class, ScanCommand.class,
        CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:bad input, bad rules or bad usage (the message names the file and line)"
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use check, simulate, verify or rules");
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, () -> null, err, args);
  }

  /**
   * As {@link #run(PrintWriter, PrintWriter, String...)}; {@code outFailure} gives the first error
   * writing {@code out} met, if it is known. A report that could not be written whole to standard
   * output is exit status 2 with a message, except when the reader closed the pipe (a consumer such
   * as {@code head} that has read all it wanted): that is not reported.
   */
  static int run(PrintWriter out, java.util.function.Supplier<java.io.IOException> outFailure, PrintWriter err,
      String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("drvguard: usage_error: " + ex.getMessage());
      err.println("Try 'drvguard --help' for more information.");
      err.flush();
      return ERROR;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    // PrintWriter keeps write errors to itself: without this a full disk is a clean exit
    if (out.checkError()) {
      java.io.IOException cause = outFailure.get();
      if (cause != null && brokenPipe(cause)) {
        return code;
      }
      err.println("drvguard: output_error: could not write the report to standard output"
          + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
          + "; the report is incomplete");
      err.flush();
      return ERROR;
    }
    return code;
  }

  /** EPIPE: the reader went away. Java reports it only in the message. */
  static boolean brokenPipe(java.io.IOException e) {
    String m = e.getMessage();
    return m != null && m.toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
  }

  public static void main(String[] args) {
    // the raw descriptor, not System.out: a PrintStream swallows the error that says why a write failed
    FirstFailure stdout = new FirstFailure(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    RuleGuard.install(err);
    int code = run(out, stdout::failure, err, args);
    RuleGuard.finished();
    System.exit(code);
  }
}
