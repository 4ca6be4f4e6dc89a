package io.drvguard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * There is no Windows machine in CI, so the Windows launchers are checked by reading their text
 * ({@link BatchScript}, {@link PowerShellScript}); each check is shown to fail on a broken twin.
 */
class WindowsLaunchersTest {
  static final Path BIN = Path.of("src/bin");

  static String read(String name) throws IOException {
    return Files.readString(BIN.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void theBatchLauncherParses() throws IOException {
    assertEquals(List.of(), BatchScript.problems(read("drvguard.cmd")));
  }

  @Test
  void theBatchLauncherForwardsArgumentsAndExitStatus() throws IOException {
    String cmd = read("drvguard.cmd");
    assertTrue(cmd.contains("-jar \"%DRVGUARD_HOME%\\lib\\drvguard.jar\" %*"), "runs lib\\drvguard.jar with all arguments");
    assertTrue(cmd.contains("exit /b %ERRORLEVEL%"), "returns drvguard's exit status");
    assertTrue(cmd.contains("set \"DRVGUARD_JIT=-XX:TieredStopAtLevel=1\"")
        && cmd.contains("if \"%~1\"==\"simulate\" set \"DRVGUARD_JIT=-XX:TieredStopAtLevel=4\"")
        && cmd.contains("\"%DRVGUARD_JAVA%\" %DRVGUARD_JIT% %DRVGUARD_JAVA_OPTS% "),
        "the quick JIT compiler but for simulate, before the user's options so that theirs win");
    assertTrue(cmd.contains("exit /b 2"), "no java is exit status 2");
  }

  @Test
  void brokenBatchTextIsCaught() {
    assertTrue(BatchScript.problems("@echo off\r\nsetlocal\r\ngoto nowhere\r\n").stream().anyMatch(p -> p.contains("nowhere")));
    assertTrue(BatchScript.problems("@echo off\r\nsetlocal\r\nif 1==1 (\r\necho x\r\n").stream().anyMatch(p -> p.contains("(")));
    assertTrue(BatchScript.problems("@echo off\r\nsetlocal\r\necho \"x\r\n").stream().anyMatch(p -> p.contains("quote")));
    assertTrue(BatchScript.problems("@echo off\r\nset \"A=1\"\r\n").stream().anyMatch(p -> p.contains("setlocal")));
    assertTrue(BatchScript.problems("@echo off\r\nsetlocal\r\necho %UNSET_THING%\r\n").stream().anyMatch(p -> p.contains("UNSET_THING")));
  }

  @Test
  void thePowerShellLauncherParses() throws IOException {
    assertEquals(List.of(), PowerShellScript.problems(read("drvguard.ps1")));
  }

  @Test
  void thePowerShellLauncherForwardsArgumentsAndExitStatus() throws IOException {
    String ps1 = read("drvguard.ps1");
    assertTrue(ps1.contains("-jar $jar @args"), "runs the jar with all arguments");
    assertTrue(ps1.contains("'lib') 'drvguard.jar'"), "the jar is lib/drvguard.jar");
    assertTrue(ps1.contains("exit $LASTEXITCODE"), "returns drvguard's exit status");
    assertTrue(ps1.contains("$jitOption = '-XX:TieredStopAtLevel=1'")
        && ps1.contains("if ($args.Count -gt 0 -and $args[0] -ceq 'simulate') {")
        && ps1.contains("$jitOption = '-XX:TieredStopAtLevel=4'") && ps1.contains("& $java $jitOption @javaOptions "),
        "the quick JIT compiler but for simulate, before the user's options so that theirs win");
    assertTrue(ps1.contains("exit 2"), "no java is exit status 2");
  }

  @Test
  void brokenPowerShellTextIsCaught() {
    assertTrue(PowerShellScript.problems("if ($x) {\n  $y = 1\n").stream().anyMatch(p -> p.contains("{")));
    assertTrue(PowerShellScript.problems("$a = 'open\n").stream().anyMatch(p -> p.contains("string")));
    assertTrue(PowerShellScript.problems("$home = 'x'\n").stream().anyMatch(p -> p.contains("$home")));
    assertTrue(PowerShellScript.problems("& $java $undefinedThing\n").stream().anyMatch(p -> p.contains("$undefinedThing")));
    assertTrue(PowerShellScript.problems("$a = (1 + 2]\n").stream().anyMatch(p -> p.contains("]")));
  }
}
