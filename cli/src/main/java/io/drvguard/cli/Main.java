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
    subcommands = {CheckCommand.class, SimulateCommand.class, VerifyCommand.class, RulesCommand.class,
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
    return code;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(out, err, args));
  }
}
