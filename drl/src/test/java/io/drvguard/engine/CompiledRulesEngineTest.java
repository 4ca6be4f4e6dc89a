package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedding API over rules compiled at run time (here, with the drl module): how a rule that
 * throws, or reports as another rule, is told apart. In the engine's package for its internals;
 * engine itself cannot test this, as the compiler depends on it.
 */
class CompiledRulesEngineTest {
  static final SourceLocation HERE = SourceLocation.of("test.yaml", 1);

  @Test
  void ruleThatThrowsIsReportedWithItsId() throws Exception {
    RuleSource throwing = new RuleSource("Throwing.drl", """
        package drvguard.test
        import io.drvguard.facts.model.IoctlDefinition
        rule "Throws"
          @id("Throws") @requirement("IOCTL-3") @severity("warning") @title("Throws")
        when
          $i : IoctlDefinition()
        then
          throw new IllegalStateException("boom");
        end
        """, false);
    Engine engine = Engine.create(List.of(throwing), EngineSettings.DEFAULTS);
    IoctlDefinition io = new IoctlDefinition("pkg", "IOCTL_X", "0", CtlCode.decode(0x222000), true, false,
        List.of(), false, null, false, null, HERE);
    Driver driver = new Driver("pkg", DriverRole.FUNCTION, null, false, false, false, Dispatch.NONE, HERE);
    DriverPackage pkg = new DriverPackage("pkg", Path.of("."), Path.of("t.yaml"), driver, List.of(), List.of(io), List.of(), null, List.of());
    RuleEvaluationException e = assertThrows(RuleEvaluationException.class, () -> engine.check(pkg));
    assertEquals("Throws", e.ruleId());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
  }

  @Test
  void aHouseRuleReportingAsABundledRuleIsARuleError() throws Exception {
    String house = """
        package com.acme.house
        import io.drvguard.facts.model.IoctlDefinition
        import io.drvguard.facts.model.ViolationSink
        global ViolationSink report
        rule "AcmeSpeaksAsObj9"
          @id("AcmeSpeaksAsObj9") @requirement("IOCTL-3") @severity("info") @title("Acme house rule")
        when
          $i : IoctlDefinition()
        then
          report.violation(%s, $i.packageName(), $i.name(), "acme", $i.location());
        end
        """;
    IoctlDefinition io = new IoctlDefinition("pkg", "IOCTL_X", "0", CtlCode.decode(0x222000), true, false,
        List.of(), false, null, false, null, HERE);
    Driver driver = new Driver("pkg", DriverRole.FUNCTION, null, false, false, false, Dispatch.NONE, HERE);
    DriverPackage pkg = new DriverPackage("pkg", Path.of("."), Path.of("t.yaml"), driver, List.of(), List.of(io),
        List.of(), null, List.of());
    List<RuleSource> sources = new java.util.ArrayList<>(RuleBase.bundledSources());
    sources.add(new RuleSource("House.drl", house.formatted("\"MalformedSddl\""), false));
    Engine engine = Engine.create(sources, EngineSettings.DEFAULTS);
    RuleEvaluationException e = assertThrows(RuleEvaluationException.class, () -> engine.check(pkg));
    assertEquals("AcmeSpeaksAsObj9", e.ruleId());
    assertTrue(e.getMessage().contains("reported as `MalformedSddl`"), e.getMessage());

    sources.set(sources.size() - 1, new RuleSource("House.drl", house.formatted("drools.getRule().getName()"), false));
    List<Violation> own = Engine.create(sources, EngineSettings.DEFAULTS).check(pkg).violations().stream()
        .filter(v -> v.message().equals("acme")).toList();
    assertEquals(1, own.size());
    assertEquals("AcmeSpeaksAsObj9", own.get(0).ruleId());
    assertEquals("IOCTL-3", own.get(0).requirement());
    assertEquals(Severity.INFO, own.get(0).severity());
  }
}
