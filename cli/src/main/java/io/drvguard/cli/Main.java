package io.drvguard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drvguard} command. {@link #run} returns the exit status so tests run in-process. */
@Command(
    name = "drvguard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Checks Windows driver packages against Microsoft's documented driver security requirements.",
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

  /**
   * The subcommands that need none of the others, in the order the help lists them. They are
   * added by {@link #commandLine} rather than named in the annotation, so that a run of one builds
   * the model of that one only.
   */
  private static final List<Class<?>> SELF_CONTAINED =
      List.of(CheckCommand.class, SimulateCommand.class, VerifyCommand.class, RulesCommand.class, ScanCommand.class);

  /** The subcommands that look at all the others (help lists them, completion covers them), listed last. */
  private static final List<Class<?>> ABOUT_THE_OTHERS =
      List.of(CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class);

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
    CommandLine cl = commandLine(args);
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

  /**
   * The command line for {@code args}. picocli builds the model of every subcommand it is given,
   * by reflection, which is a good part of a cold start; when {@code args} starts with the name of
   * a self-contained subcommand, that one alone is given, since picocli would parse the rest with
   * it anyway. Anything else (no arguments, an option, help, an unknown name) gets them all.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new Main());
    if (args.length > 0) {
      for (Class<?> c : SELF_CONTAINED) {
        if (c.getAnnotation(Command.class).name().equals(args[0])) {
          return cl.addSubcommand(c);
        }
      }
    }
    for (Class<?> c : SELF_CONTAINED) {
      cl.addSubcommand(c);
    }
    for (Class<?> c : ABOUT_THE_OTHERS) {
      cl.addSubcommand(c);
    }
    return cl;
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
