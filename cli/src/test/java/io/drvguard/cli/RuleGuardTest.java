package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 point 10: a rule that calls {@code System.exit} does not yield a clean exit. The command
 * runs in a JVM of its own (an exit cannot be tested in this one), with this test's class path.
 */
class RuleGuardTest {
  @TempDir Path dir;

  private static final String EXITING = """
      package com.acme.house
      import io.drvguard.facts.model.DeviceObject
      import io.drvguard.facts.model.ViolationSink
      global ViolationSink report
      rule "AcmeExit" @id("AcmeExit") @requirement("OBJ-1") @severity("info") @title("Ends the run")
      when $d : DeviceObject()
      then System.exit(%d);
      end
      """;

  @Test
  void aRuleCallingSystemExitEndsTheRunWithExit2NamingIt() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("Exit.drl"), EXITING.formatted(0));
    Path pkg = Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(pkg.resolve("drvguard.yaml"), CheckCommandTest.RAW_PDO_INSECURE);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Ddrvguard.cache.dir=off", Main.class.getName(), "check", "--rules", rules.toString(), pkg.toString()))
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command did not end");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("drvguard: rule_error: rule `AcmeExit` called System.exit"), out);
  }

  @Test
  void theTimeBudgetSettingIsCheckedLikeEveryOther() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(pkg.resolve("drvguard.yaml"), CheckCommandTest.RAW_PDO_INSECURE);
    for (String bad : new String[] {"0", "-1", "ten"}) {
      CheckCommandTest.Run r = CheckCommandTest.run("check", "--set", "policy.ruleTimeBudget=" + bad, pkg.toString());
      assertEquals(2, r.code(), bad + ": " + r.err());
      assertTrue(r.err().contains("`policy.ruleTimeBudget` is `" + bad + "`; expected a number of seconds above 0"),
          r.err());
    }
    CheckCommandTest.Run ok = CheckCommandTest.run("check", "--set", "policy.ruleTimeBudget=0.5", pkg.toString());
    assertEquals(1, ok.code(), ok.err());
  }
}
