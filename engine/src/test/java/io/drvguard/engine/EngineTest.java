package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.CreationRoutine;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.security.Sid;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The embedding API on packages built in Java, without any file. */
class EngineTest {
  static final SourceLocation HERE = SourceLocation.of("test.yaml", 1);

  static DriverPackage busWithRawPdo(CreationRoutine routine, String sddl) {
    Driver driver = new Driver("pkg", DriverRole.BUS, null, false, false, false, Dispatch.NONE, HERE);
    DeviceObject pdo = new DeviceObject("pkg", "pdo0", DeviceObjectKind.PDO, "s", 0, true, null, routine, sddl,
        null, 0, List.of(), false, false, false, HERE, HERE);
    return new DriverPackage("pkg", Path.of("."), Path.of("test.yaml"), driver, List.of(pdo), List.of(), List.of(), null, List.of());
  }

  @Test
  void reportsRequirementSubjectAndSeverityFromMetadata() throws Exception {
    CheckResult r = Engine.withBundledRules().check(busWithRawPdo(CreationRoutine.IoCreateDevice, null));
    assertEquals(1, r.violations().size(), r.violations().toString());
    Violation v = r.violations().get(0);
    assertEquals("RawPdoWithoutIoCreateDeviceSecure", v.ruleId());
    assertEquals("OBJ-1", v.requirement());
    assertEquals(Severity.ERROR, v.severity());
    assertEquals("pdo0", v.subject());
    assertEquals(HERE, v.location());
  }

  @Test
  void severityOverrideByRequirementAndByRuleId() throws Exception {
    DriverPackage pkg = busWithRawPdo(CreationRoutine.IoCreateDevice, null);
    Engine byReq = Engine.create(RuleBase.bundledSources(),
        new EngineSettings(PolicySettings.DEFAULTS, Map.of("OBJ-1", Severity.INFO)));
    assertEquals(Severity.INFO, byReq.check(pkg).violations().get(0).severity());
    Engine byRule = Engine.create(RuleBase.bundledSources(), new EngineSettings(PolicySettings.DEFAULTS,
        Map.of("OBJ-1", Severity.INFO, "RawPdoWithoutIoCreateDeviceSecure", Severity.WARNING)));
    assertEquals(Severity.WARNING, byRule.check(pkg).violations().get(0).severity());
  }

  @Test
  void strongSetIsAPolicySetting() throws Exception {
    DriverPackage pkg = busWithRawPdo(CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    List<Violation> strict = Engine.withBundledRules().check(pkg).violations();
    assertEquals(List.of("OBJ-2"), strict.stream().map(Violation::requirement).toList());
    assertTrue(strict.get(0).message().contains("`BA`"), strict.get(0).message());
    Engine lenient = Engine.create(RuleBase.bundledSources(), new EngineSettings(
        PolicySettings.DEFAULTS.withStrongPrincipals(Set.of(Sid.LOCAL_SYSTEM, Sid.BUILTIN_ADMINISTRATORS)), Map.of()));
    assertEquals(List.of(), lenient.check(pkg).violations());
  }

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
  void checksRunConcurrentlyOnOneEngine() throws Exception {
    Engine engine = Engine.withBundledRules();
    DriverPackage bad = busWithRawPdo(CreationRoutine.IoCreateDevice, null);
    DriverPackage good = busWithRawPdo(CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)");
    List<Integer> counts = java.util.stream.IntStream.range(0, 200).parallel()
        .mapToObj(i -> engine.check(i % 2 == 0 ? bad : good).violations().size()).toList();
    for (int i = 0; i < counts.size(); i++) {
      assertEquals(i % 2 == 0 ? 1 : 0, counts.get(i), "check " + i);
    }
  }
}
