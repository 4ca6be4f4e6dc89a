package io.drvguard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fleet application's Windows launchers, read as {@link WindowsLaunchersTest} reads the CLI's:
 * each must parse ({@link BatchScript}, {@link PowerShellScript}) and run lib/drvguard-streams.jar
 * with every argument, passing its exit status on. Each check is shown to fail on a broken twin of
 * the real file.
 */
class StreamsLaunchersTest {
  static String cmd() throws IOException {
    return WindowsLaunchersTest.read("drvguard-streams.cmd");
  }

  static String ps1() throws IOException {
    return WindowsLaunchersTest.read("drvguard-streams.ps1");
  }

  /** What is wrong with a batch launcher of the streams archive: parse problems, then missing behaviour. */
  static List<String> batchProblems(String text) {
    List<String> problems = new ArrayList<>(BatchScript.problems(text));
    expect(problems, text, "-jar \"%DRVGUARD_STREAMS_HOME%\\lib\\drvguard-streams.jar\" %*", "runs lib\\drvguard-streams.jar with all arguments");
    expect(problems, text, "\"%DRVGUARD_STREAMS_JAVA%\" %DRVGUARD_STREAMS_JAVA_OPTS% -jar", "the user's JVM options");
    expect(problems, text, "exit /b %ERRORLEVEL%", "returns the application's exit status");
    expect(problems, text, "no java found", "says when there is no java");
    expect(problems, text, "exit /b 2", "no java is exit status 2");
    return problems;
  }

  static List<String> powerShellProblems(String text) {
    List<String> problems = new ArrayList<>(PowerShellScript.problems(text));
    expect(problems, text, "'lib') 'drvguard-streams.jar'", "the jar is lib/drvguard-streams.jar");
    expect(problems, text, "& $java @javaOptions -jar $jar @args", "runs the jar with the user's JVM options and all arguments");
    expect(problems, text, "exit $LASTEXITCODE", "returns the application's exit status");
    expect(problems, text, "no java found", "says when there is no java");
    expect(problems, text, "exit 2", "no java is exit status 2");
    return problems;
  }

  private static void expect(List<String> problems, String text, String fragment, String why) {
    if (!text.contains(fragment)) {
      problems.add(why + ": no `" + fragment + "`");
    }
  }

  @Test
  void theBatchLauncherParsesAndRunsTheApplication() throws IOException {
    assertEquals(List.of(), batchProblems(cmd()));
  }

  @Test
  void brokenTwinsOfTheBatchLauncherAreCaught() throws IOException {
    String cmd = cmd();
    for (String[] twin : List.of(
        new String[] {"drvguard-streams.jar\" %*", "drvguard-streams.jar\""},     // drops the arguments
        new String[] {"exit /b %ERRORLEVEL%", "exit /b 0"},                        // hides the exit status
        new String[] {"exit /b 2", "exit /b 1"},                                   // no java as "findings"
        new String[] {"goto findOnPath", "goto findJava"},                         // a label that is not there
        new String[] {"setlocal\n", ""},                                          // leaks its variables
        new String[] {"%DRVGUARD_STREAMS_JAVA_OPTS%", "%DRVGUARD_STREAMS_JAVA_OPT%"})) {   // reads an unset variable
      String broken = cmd.replace(twin[0], twin[1]);
      assertNotEquals(cmd, broken, "the twin differs from the real file: " + twin[0]);
      assertFalse(batchProblems(broken).isEmpty(), "caught: " + twin[0] + " -> " + twin[1]);
    }
  }

  @Test
  void thePowerShellLauncherParsesAndRunsTheApplication() throws IOException {
    assertEquals(List.of(), powerShellProblems(ps1()));
  }

  @Test
  void brokenTwinsOfThePowerShellLauncherAreCaught() throws IOException {
    String ps1 = ps1();
    for (String[] twin : List.of(
        new String[] {"-jar $jar @args", "-jar $jar"},                   // drops the arguments
        new String[] {"exit $LASTEXITCODE", "exit 0"},                   // hides the exit status
        new String[] {"        exit 2", "        exit 1"},               // no java as "findings"
        new String[] {"$streamsHome = Split-Path", "$home = Split-Path"},   // writes an automatic variable
        new String[] {"Select-Object -First 1\n", "Select-Object -First 1 {\n"},   // a block never closed
        new String[] {"$jar = Join-Path", "$jarPath = Join-Path"})) {    // reads an unassigned variable
      String broken = ps1.replace(twin[0], twin[1]);
      assertNotEquals(ps1, broken, "the twin differs from the real file: " + twin[0]);
      assertFalse(powerShellProblems(broken).isEmpty(), "caught: " + twin[0] + " -> " + twin[1]);
    }
  }
}
