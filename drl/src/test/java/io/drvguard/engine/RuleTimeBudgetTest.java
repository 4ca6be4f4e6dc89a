package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 point 10: a rule that runs too long is stopped or abandoned; the check is an error naming
 * the rule, the decision a fail-closed deny naming it. Before, a looping rule hung the run.
 */
class RuleTimeBudgetTest {
  private static final Duration BUDGET = Duration.ofMillis(300);
  private static final EngineSettings TIGHT = new EngineSettings(PolicySettings.DEFAULTS, Map.of(), BUDGET);

  @AfterEach
  void noHandler() {
    Engine.onStuckRule(null);
  }

  @Test
  void aDecisionWhoseRulesLoopIsAFailClosedDenyNamingTheRule() throws Exception {
    // the classic DRL loop: a rule that re-activates itself for ever
    Engine e = Engine.create(List.of(new RuleSource("Spin.drl", DecideTest.HEADER + """
        rule "Spin" @id("Spin") @requirement("NS-1") @severity("error") @title("Loops")
        when $r : OpenRequest() then update($r);
        end
        """ + DecideTest.ALLOW_ALL, false)), TIGHT);
    for (Decision d : assertTimeoutPreemptively(Duration.ofSeconds(20), () -> List.of(
        e.decide(DecideTest.open("s#1", "\\Device\\X", 1)),
        e.decideAll(List.of(DecideTest.open("s#2", "\\Device\\X", 1))).get(0)))) {
      assertEquals(Verdict.DENY, d.verdict());
      assertEquals("FailClosed", d.ruleId());
      assertTrue(d.reason().contains("ran past the time budget of 300 ms"), d.reason());
      assertTrue(d.reason().contains("`Spin`") || d.reason().contains("between consequences"), d.reason());
    }
    // the engine still decides afterwards, on a fresh session
    Engine ok = Engine.create(List.of(new RuleSource("Ok.drl", DecideTest.HEADER + DecideTest.ALLOW_ALL, false)), TIGHT);
    assertEquals(Verdict.ALLOW, ok.decide(DecideTest.open("s#3", "\\Device\\X", 1)).verdict());
  }

  @Test
  void aCheckWhoseConsequenceRunsLongIsARuleErrorAndTheStuckHandlerIsTold() throws Exception {
    String slow = """
        package com.acme.house
        import io.drvguard.facts.model.IoctlDefinition
        import io.drvguard.facts.model.ViolationSink
        global ViolationSink report
        rule "SlowCheck" @id("SlowCheck") @requirement("IOCTL-3") @severity("info") @title("Slow")
        when $i : IoctlDefinition()
        then
          long end = System.nanoTime() + 1_500_000_000L;
          while (System.nanoTime() < end) { }
        end
        """;
    AtomicReference<String> stuck = new AtomicReference<>();
    Engine.onStuckRule(stuck::set);
    Engine e = Engine.create(List.of(new RuleSource("Slow.drl", slow, false)), TIGHT);
    RuleEvaluationException ex = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(RuleEvaluationException.class, () -> e.check(pkg())));
    assertEquals("SlowCheck", ex.ruleId());
    assertTrue(ex.getMessage().contains("ran past the time budget of 300 ms"), ex.getMessage());
    assertEquals("SlowCheck", stuck.get());
  }

  @Test
  void theDefaultBudgetIsGenerousAndAZeroBudgetIsRefused() {
    assertEquals(Duration.ofSeconds(10), EngineSettings.DEFAULTS.ruleTimeBudget());
    assertThrows(IllegalArgumentException.class,
        () -> new EngineSettings(PolicySettings.DEFAULTS, Map.of(), Duration.ZERO));
  }

  private static DriverPackage pkg() {
    SourceLocation here = SourceLocation.of("t.yaml", 1);
    IoctlDefinition io = new IoctlDefinition("pkg", "IOCTL_X", "0", CtlCode.decode(0x222000), true, false,
        List.of(), false, null, false, null, here);
    Driver driver = new Driver("pkg", DriverRole.FUNCTION, null, false, false, false, Dispatch.NONE, here);
    return new DriverPackage("pkg", Path.of("."), Path.of("t.yaml"), driver, List.of(), List.of(io), List.of(), null,
        List.of());
  }
}
