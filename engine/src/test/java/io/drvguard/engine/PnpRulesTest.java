package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.CreationRoutine;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that stand on the PnP model (issue 10 points 5 and 8): NS-11 as an error where nothing
 * propagates FILE_DEVICE_SECURE_OPEN and a warning where the PnP manager sets it again, OBJ-2 for a
 * raw PDO without a recorded SDDL, OBJ-3 judged on the PDO's effective descriptor. Each finding case
 * has a compliant twin.
 */
class PnpRulesTest {
  static final SourceLocation AT = SourceLocation.of("drvguard.yaml", 3);
  static final int SECURE_OPEN = DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN;
  static Engine engine;

  @BeforeAll
  static void build() throws Exception {
    engine = Engine.withBundledRules();
  }

  static List<Violation> findings(DriverPackage p, String requirement) {
    return engine.check(p).violations().stream().filter(v -> v.requirement().equals(requirement)).toList();
  }

  static Violation only(List<Violation> vs, String ruleId, String subject, Severity severity) {
    assertEquals(1, vs.size(), vs.toString());
    Violation v = vs.get(0);
    assertEquals(ruleId, v.ruleId());
    assertEquals(subject, v.subject());
    assertEquals(severity, v.severity());
    return v;
  }

  static DeviceObject obj(String id, DeviceObjectKind kind, String stack, boolean raw, CreationRoutine r, String sddl,
      int chars, boolean copies) {
    return new DeviceObject("pkg", id, kind, stack, 0, raw, null, r, sddl, null, chars, DeviceCharacteristics.names(chars),
        false, false, copies, AT, AT);
  }

  static DriverPackage pkg(DriverRole role, boolean stricter, List<DeviceObject> objects, List<InfRegistryValue> inf) {
    String infFile = inf.isEmpty() ? null : "dev.inf";
    Driver d = new Driver("pkg", role, infFile, false, false, stricter, Dispatch.NONE, AT);
    DriverPackage p = new DriverPackage("pkg", Path.of("."), Path.of("drvguard.yaml"), d, objects, List.of(), List.of(),
        null, List.of());
    return inf.isEmpty() ? p : p.withInf("dev.inf", inf);
  }

  /** pdo, fdo with FILE_DEVICE_SECURE_OPEN, and an upper filter that copies or not. */
  static List<DeviceObject> fdoFlaggedStack(boolean filterCopies) {
    return List.of(
        obj("pdo0", DeviceObjectKind.PDO, "main", false, CreationRoutine.IoCreateDevice, null, 0, false),
        obj("fdo0", DeviceObjectKind.FDO, "main", false, CreationRoutine.IoCreateDevice, null, SECURE_OPEN, false),
        obj("filter0", DeviceObjectKind.FILTER, "main", false, CreationRoutine.IoCreateDevice, null, 0, filterCopies));
  }

  // ------------------------------------------------------------------ NS-11

  @Test
  void droppedFlagOnAPnpStackIsAWarningThatSaysWhy() {
    Violation v = only(findings(pkg(DriverRole.FILTER, false, fdoFlaggedStack(false), List.of()), "NS-11"),
        "FilterDropsSecureOpenOnPnpStack", "filter0", Severity.WARNING);
    assertEquals("NS-11", v.requirement());
    assertTrue(v.message().contains("the PnP manager sets the flag again on every object before the stack starts"
        + " (taken from FDO `fdo0`)"), v.message());
    assertTrue(v.message().contains("only between the attach and the start of the stack"), v.message());
    assertEquals(List.of(), findings(pkg(DriverRole.FILTER, false, fdoFlaggedStack(true), List.of()), "NS-11"));
  }

  @Test
  void droppedFlagOutsidePnpStaysAnError() {
    Violation v = only(findings(pkg(DriverRole.LEGACY, false, fdoFlaggedStack(false), List.of()), "NS-11"),
        "FilterDropsSecureOpen", "filter0", Severity.ERROR);
    assertTrue(v.message().contains("outside the PnP manager's pass"), v.message());
    assertEquals(List.of(), findings(pkg(DriverRole.LEGACY, false, fdoFlaggedStack(true), List.of()), "NS-11"));
  }

  @Test
  void aFlagOnlyOnANonRawPdoIsNotPropagatedSoDroppingItStaysAnError() {
    List<DeviceObject> objs = List.of(
        obj("pdo0", DeviceObjectKind.PDO, "main", false, CreationRoutine.IoCreateDevice, null, SECURE_OPEN, false),
        obj("fdo0", DeviceObjectKind.FDO, "main", false, CreationRoutine.IoCreateDevice, null, 0, false));
    Violation v = only(findings(pkg(DriverRole.FUNCTION, false, objs, List.of()), "NS-11"),
        "FilterDropsSecureOpen", "fdo0", Severity.ERROR);
    assertTrue(v.message().contains("propagates only an FDO's or filter's flag, not the PDO's"), v.message());
    List<DeviceObject> copies = List.of(objs.get(0),
        obj("fdo0", DeviceObjectKind.FDO, "main", false, CreationRoutine.IoCreateDevice, null, 0, true));
    assertEquals(List.of(), findings(pkg(DriverRole.FUNCTION, false, copies, List.of()), "NS-11"));
  }

  @Test
  void theInfsDeviceCharacteristicsRestoreTheFlagToo() {
    List<DeviceObject> objs = List.of(
        obj("pdo0", DeviceObjectKind.PDO, "main", false, CreationRoutine.IoCreateDevice, null, SECURE_OPEN, false),
        obj("fdo0", DeviceObjectKind.FDO, "main", false, CreationRoutine.IoCreateDevice, null, 0, false));
    Violation v = only(findings(pkg(DriverRole.FUNCTION, false, objs,
            List.of(InfRulesTest.hw("DeviceCharacteristics", "0x10001", "0x100", false, 30))), "NS-11"),
        "FilterDropsSecureOpenOnPnpStack", "fdo0", Severity.WARNING);
    assertTrue(v.message().contains("(taken from the INF's `DeviceCharacteristics`)"), v.message());
  }

  // ------------------------------------------------------------------ OBJ-2

  @Test
  void rawPdoCreatedSecureWithoutSddlIsAFinding() {
    DeviceObject bare = obj("pdo0", DeviceObjectKind.PDO, "child", true, CreationRoutine.IoCreateDeviceSecure, null, 0, false);
    Violation v = only(findings(pkg(DriverRole.BUS, false, List.of(bare), List.of()), "OBJ-2"),
        "RawPdoWithoutDefaultSddl", "pdo0", Severity.ERROR);
    assertEquals("OBJ-2", v.requirement());
    DeviceObject strong = obj("pdo0", DeviceObjectKind.PDO, "child", true, CreationRoutine.IoCreateDeviceSecure,
        "D:P(A;;GA;;;SY)", 0, false);
    assertEquals(List.of(), findings(pkg(DriverRole.BUS, false, List.of(strong), List.of()), "OBJ-2"));
  }

  // ------------------------------------------------------------------ OBJ-3

  @Test
  void theBusDriversOwnInfSecurityDoesNotSilenceObj3ForItsChildPdo() {
    List<InfRegistryValue> inf = List.of(InfRulesTest.security("D:P(A;;GA;;;SY)(A;;GA;;;BA)"));
    DeviceObject pdo = obj("pdo0", DeviceObjectKind.PDO, "child0", false, CreationRoutine.IoCreateDevice, null, 0, false);
    List<DeviceObject> busAndChild = List.of(
        obj("busfdo", DeviceObjectKind.FDO, "parent", false, CreationRoutine.IoCreateDevice, null, 0, false), pdo);
    Violation v = only(findings(pkg(DriverRole.BUS, true, busAndChild, inf), "OBJ-3"),
        "StrictPdoOnDefaultDescriptor", "pdo0", Severity.WARNING);
    assertTrue(v.message().contains("no INF `Security` value applies to its stack"), v.message());
    // the INF's value reaches the PDO when the package's FDO is in the PDO's own stack
    List<DeviceObject> childStack = List.of(pdo,
        obj("childfdo", DeviceObjectKind.FDO, "child0", false, CreationRoutine.IoCreateDevice, null, 0, false));
    assertEquals(List.of(), findings(pkg(DriverRole.BUS, true, childStack, inf), "OBJ-3"));
  }
}
