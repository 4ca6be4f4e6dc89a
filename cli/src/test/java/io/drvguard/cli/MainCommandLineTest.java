package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run that names a self-contained subcommand first gets a command line with that one alone
 * (picocli builds every subcommand it is given, a good part of a cold start); it must parse and
 * print exactly as the full command line does.
 */
class MainCommandLineTest {
  static final List<String> ALL = List.of("check", "simulate", "verify", "rules", "scan", "help", "generate-completion");

  @Test
  void anythingButASelfContainedSubcommandGetsThemAllInHelpOrder() {
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "check"},
        new String[] {"generate-completion"}, new String[] {"chek"}, new String[] {"CHECK"})) {
      assertEquals(ALL, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
    }
  }

  @Test
  void aSelfContainedSubcommandNamedFirstIsBuiltAloneAndReadsAsInTheFullCommandLine() {
    Map<String, CommandLine> full = Main.commandLine().getSubcommands();
    for (String name : ALL.subList(0, 5)) {
      CommandLine alone = Main.commandLine(name, "--whatever").getSubcommands().get(name);
      assertEquals(List.of(name), List.copyOf(Main.commandLine(name).getSubcommands().keySet()));
      assertEquals(full.get(name).getUsageMessage(), alone.getUsageMessage(), name);
      assertEquals(full.get(name).getCommandSpec().qualifiedName(), alone.getCommandSpec().qualifiedName());
      for (Map.Entry<String, CommandLine> sub : full.get(name).getSubcommands().entrySet()) {
        assertEquals(sub.getValue().getUsageMessage(), alone.getSubcommands().get(sub.getKey()).getUsageMessage(),
            name + " " + sub.getKey());
      }
    }
  }

  @Test
  void everyUsageTextFormatsWithoutAPicocliWarning() {
    // picocli formats descriptions as format strings: a lone `%` makes it warn on stderr at every
    // --help and print the text raw
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(seen, true, java.nio.charset.StandardCharsets.UTF_8));
      usages(Main.commandLine());
    } finally {
      System.setErr(err);
    }
    assertEquals("", seen.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void usages(CommandLine c) {
    c.getUsageMessage();
    c.getSubcommands().values().forEach(MainCommandLineTest::usages);
  }
}
