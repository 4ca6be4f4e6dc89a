package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.DescriptorSource;
import io.drvguard.facts.policy.DeviceStack;
import io.drvguard.facts.policy.EffectiveDescriptor;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model the rules stand on: M-1 precedence, INF settings, stack characteristics (NS-11). */
class PackageFactsTest {
  static final SourceLocation AT = SourceLocation.of("p.yaml", 1);
  static final SourceLocation INF_AT = SourceLocation.of("p.inf", 9);

  static DeviceObject obj(String id, DeviceObjectKind kind, String stack, int pos, CreationRoutine r, String sddl,
      int chars, boolean copies, String classGuid) {
    return new DeviceObject("p", id, kind, stack, pos, false, null, r, sddl, classGuid, chars, List.of(), false, false,
        copies, AT, AT);
  }

  static InfRegistryValue hkr(RegistryKeyKind kind, String name, String flags, String value, boolean quoted) {
    return new InfRegistryValue("p", "x.addreg", "X.NT.HW", kind, "HKR", "", name, flags, value, quoted,
        "HKR,," + name + "," + flags + "," + value, INF_AT);
  }

  static DriverPackage pkg(List<DeviceObject> objects, List<InfRegistryValue> inf) {
    Driver d = new Driver("p", DriverRole.FUNCTION, inf.isEmpty() ? null : "p.inf", false, false, false, Dispatch.NONE, AT);
    DriverPackage p = new DriverPackage("p", Path.of("."), Path.of("p.yaml"), d, objects, List.of(), List.of(), null, List.of());
    return inf.isEmpty() ? p : p.withInf("p.inf", inf);
  }

  static List<EffectiveDescriptor> effective(DriverPackage p, PolicySettings policy) {
    List<EffectiveDescriptor> out = new ArrayList<>();
    for (Object o : PackageFacts.of(p, policy)) {
      if (o instanceof EffectiveDescriptor e) {
        out.add(e);
      }
    }
    return out;
  }

  static EffectiveDescriptor effectiveOf(DriverPackage p, String id) {
    return effective(p, PolicySettings.DEFAULTS).stream().filter(e -> e.deviceObjectId().equals(id)).findFirst().orElseThrow();
  }

  static final String HW_SDDL = "D:P(A;;GA;;;SY)(A;;GRGW;;;BA)";
  static final String CLASS_SDDL = "D:P(A;;GA;;;SY)(A;;GA;;;BA)";

  @Test
  void infDeviceValueWinsForTheWholeStack() {
    DriverPackage p = pkg(List.of(
            obj("pdo", DeviceObjectKind.PDO, "s", 0, CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)", 0, false, null),
            obj("fdo", DeviceObjectKind.FDO, "s", 1, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of(hkr(RegistryKeyKind.HW, "Security", "", HW_SDDL, true),
            hkr(RegistryKeyKind.CLASS, "Security", "", CLASS_SDDL, true)));
    for (String id : List.of("pdo", "fdo")) {
      EffectiveDescriptor e = effectiveOf(p, id);
      assertEquals(DescriptorSource.INF_DEVICE, e.source(), id);
      assertEquals(HW_SDDL, e.sddl());
      assertEquals(INF_AT, e.location());
      assertTrue(e.parsed());
    }
  }

  @Test
  void classValueWhenTheDeviceKeyHasNone() {
    DriverPackage p = pkg(List.of(obj("fdo", DeviceObjectKind.FDO, "s", 0, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of(hkr(RegistryKeyKind.CLASS, "Security", "", CLASS_SDDL, true)));
    assertEquals(DescriptorSource.INF_CLASS, effectiveOf(p, "fdo").source());
  }

  @Test
  void classValueOverridesTheCreationSddlOfAnObjectOfTheInfsClassOnly() {
    List<InfRegistryValue> inf = List.of(hkr(RegistryKeyKind.CLASS, "Security", "", CLASS_SDDL, true));
    DeviceObject ctl = obj("ctl", DeviceObjectKind.CONTROL, "ctl", 0, CreationRoutine.IoCreateDeviceSecure,
        "D:P(A;;GA;;;SY)", 0, false, "{b85b7c50-6a01-11d2-b841-00c04fad5171}");
    // the INF's [Version] ClassGuid names the class key its ClassInstall32 writes: compared ignoring case and braces
    DriverPackage same = pkg(List.of(ctl), List.of()).withInf("p.inf", inf, "B85B7C50-6A01-11D2-B841-00C04FAD5171");
    assertEquals(DescriptorSource.INF_CLASS, effectiveOf(same, "ctl").source());
    DriverPackage other = pkg(List.of(ctl), List.of()).withInf("p.inf", inf, "{4d36e97d-e325-11ce-bfc1-08002be10318}");
    assertEquals(DescriptorSource.CREATION, effectiveOf(other, "ctl").source());
    // no ClassGuid: no object can be shown to be of the INF's class
    assertEquals(DescriptorSource.CREATION, effectiveOf(pkg(List.of(ctl), inf), "ctl").source());
  }

  @Test
  void guidsCompareIgnoringCaseAndBraces() {
    assertTrue(PackageModel.sameGuid("{b85b7c50-6a01-11d2-b841-00c04fad5171}", "B85B7C50-6A01-11D2-B841-00C04FAD5171"));
    assertFalse(PackageModel.sameGuid("{b85b7c50-6a01-11d2-b841-00c04fad5171}", "{b85b7c50-6a01-11d2-b841-00c04fad5172}"));
    assertFalse(PackageModel.sameGuid(null, "{b85b7c50-6a01-11d2-b841-00c04fad5171}"));
    assertFalse(PackageModel.sameGuid("", ""));
  }

  @Test
  void creationSddlWhenNoInfApplies() {
    DriverPackage p = pkg(List.of(obj("pdo", DeviceObjectKind.PDO, "s", 0, CreationRoutine.IoCreateDeviceSecure,
        "D:P(A;;GA;;;SY)", 0, false, null)), List.of());
    EffectiveDescriptor e = effectiveOf(p, "pdo");
    assertEquals(DescriptorSource.CREATION, e.source());
    assertEquals("D:P(A;;GA;;;SY)", e.canonicalSddl());
  }

  @Test
  void rawPdoAloneInItsStackKeepsItsCreationDescriptorDespiteThePackageInf() {
    DriverPackage p = pkg(List.of(
            obj("rawpdo", DeviceObjectKind.PDO, "child", 0, CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)", 0, false, null),
            obj("busfdo", DeviceObjectKind.FDO, "bus", 0, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of(hkr(RegistryKeyKind.HW, "Security", "", HW_SDDL, true)));
    assertEquals(DescriptorSource.CREATION, effectiveOf(p, "rawpdo").source());
    assertEquals(DescriptorSource.INF_DEVICE, effectiveOf(p, "busfdo").source());
  }

  @Test
  void pnpDefaultOtherwiseAndItIsConfigurable() {
    DriverPackage p = pkg(List.of(obj("fdo", DeviceObjectKind.FDO, "s", 0, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of());
    EffectiveDescriptor e = effectiveOf(p, "fdo");
    assertEquals(DescriptorSource.DEFAULT, e.source());
    assertEquals(PolicySettings.PNP_DEFAULT_SDDL, e.sddl());
    EffectiveDescriptor custom = effective(p, PolicySettings.DEFAULTS.withPnpDefaultSddl("D:P(A;;GA;;;SY)")).get(0);
    assertEquals("D:P(A;;GA;;;SY)", custom.sddl());
  }

  @Test
  void aBlankDefaultIsNoDescriptorNeverANullDacl() {
    DriverPackage p = pkg(List.of(obj("fdo", DeviceObjectKind.FDO, "s", 0, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of());
    for (String blank : java.util.Arrays.asList("", "  ", null)) {
      EffectiveDescriptor e = effective(p, PolicySettings.DEFAULTS.withPnpDefaultSddl(blank)).get(0);
      assertEquals(DescriptorSource.DEFAULT, e.source());
      assertFalse(e.parsed(), "a blank default must fail closed, not parse to a descriptor without a DACL");
    }
  }

  @Test
  void unparsableWinningSddlGivesNoDescriptor() {
    DriverPackage p = pkg(List.of(obj("fdo", DeviceObjectKind.FDO, "s", 0, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of(hkr(RegistryKeyKind.HW, "Security", "", "D:P(A;;GA", true)));
    EffectiveDescriptor e = effectiveOf(p, "fdo");
    assertEquals(DescriptorSource.INF_DEVICE, e.source());
    assertFalse(e.parsed());
  }

  static DeviceStack stackOf(DriverPackage p) {
    return PackageFacts.of(p, PolicySettings.DEFAULTS).stream().filter(o -> o instanceof DeviceStack)
        .map(o -> (DeviceStack) o).findFirst().orElseThrow();
  }

  @Test
  void filterThatCopiesKeepsSecureOpenOnTop() {
    DriverPackage p = pkg(List.of(
        obj("pdo", DeviceObjectKind.PDO, "s", 0, CreationRoutine.IoCreateDevice, null, DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN, false, null),
        obj("flt", DeviceObjectKind.FILTER, "s", 1, CreationRoutine.IoCreateDevice, null, 0, true, null)), List.of());
    DeviceStack s = stackOf(p);
    assertEquals("flt", s.top().id());
    assertTrue(s.secureOpen());
  }

  @Test
  void filterThatDropsTheFlagOpensTheTopUnlessTheInfSetsIt() {
    List<DeviceObject> objs = List.of(
        obj("pdo", DeviceObjectKind.PDO, "s", 0, CreationRoutine.IoCreateDevice, null, DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN, false, null),
        obj("flt", DeviceObjectKind.FILTER, "s", 1, CreationRoutine.IoCreateDevice, null, 0, false, null));
    assertFalse(stackOf(pkg(objs, List.of())).secureOpen());
    DeviceStack withInf = stackOf(pkg(objs, List.of(hkr(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x100", false))));
    assertTrue(withInf.infCovered());
    assertTrue(withInf.secureOpen());
  }

  static final int SECURE = DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN;

  static DriverPackage roled(DriverRole role, List<DeviceObject> objects) {
    Driver d = new Driver("p", role, null, false, false, false, Dispatch.NONE, AT);
    return new DriverPackage("p", Path.of("."), Path.of("p.yaml"), d, objects, List.of(), List.of(), null, List.of());
  }

  @Test
  void thePnpManagerSetsAnFdosStackWideFlagsOnEveryObjectOfThePnpStack() {
    DriverPackage p = pkg(List.of(
        obj("pdo", DeviceObjectKind.PDO, "s", 0, CreationRoutine.IoCreateDevice, null,
            DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME, false, null),
        obj("fdo", DeviceObjectKind.FDO, "s", 1, CreationRoutine.IoCreateDevice, null,
            SECURE | DeviceCharacteristics.FILE_REMOVABLE_MEDIA | DeviceCharacteristics.FILE_REMOTE_DEVICE, false, null),
        obj("flt", DeviceObjectKind.FILTER, "s", 2, CreationRoutine.IoCreateDevice, null, 0, false, null)), List.of());
    DeviceStack s = stackOf(p);
    assertTrue(s.propagates());
    assertEquals(List.of(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME,
        SECURE | DeviceCharacteristics.FILE_REMOVABLE_MEDIA | DeviceCharacteristics.FILE_REMOTE_DEVICE, 0),
        s.attachCharacteristics());
    int stackWide = SECURE | DeviceCharacteristics.FILE_REMOVABLE_MEDIA;
    // FILE_REMOTE_DEVICE and FILE_AUTOGENERATED_DEVICE_NAME stay on their own object
    assertEquals(List.of(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME | stackWide,
        stackWide | DeviceCharacteristics.FILE_REMOTE_DEVICE, stackWide), s.effectiveCharacteristics());
    assertTrue(s.secureOpen());
    assertEquals(0, s.topAttachCharacteristics());
  }

  @Test
  void nothingPropagatesOutsidePnp() {
    List<DeviceObject> objs = List.of(
        obj("pdo", DeviceObjectKind.PDO, "s", 0, CreationRoutine.IoCreateDevice, null, 0, false, null),
        obj("fdo", DeviceObjectKind.FDO, "s", 1, CreationRoutine.IoCreateDevice, null, SECURE, false, null),
        obj("flt", DeviceObjectKind.FILTER, "s", 2, CreationRoutine.IoCreateDevice, null, 0, false, null));
    DeviceStack legacy = stackOf(roled(DriverRole.LEGACY, objs));
    assertFalse(legacy.propagates());
    assertFalse(legacy.secureOpen());
    assertEquals(legacy.attachCharacteristics(), legacy.effectiveCharacteristics());

    DeviceStack aboveControl = stackOf(roled(DriverRole.FILTER, List.of(
        obj("cdo", DeviceObjectKind.CONTROL, "c", 0, CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)", SECURE, false, null),
        obj("flt", DeviceObjectKind.FILTER, "c", 1, CreationRoutine.IoCreateDevice, null, 0, false, null))));
    assertFalse(aboveControl.propagates());
    assertFalse(aboveControl.secureOpen());
  }

  @Test
  void aPdosFlagPropagatesOnlyForARawDeviceWithoutFdo() {
    DeviceObject filter = obj("flt", DeviceObjectKind.FILTER, "s", 1, CreationRoutine.IoCreateDevice, null, 0, false, null);
    DeviceObject raw = new DeviceObject("p", "pdo", DeviceObjectKind.PDO, "s", 0, true, null, CreationRoutine.IoCreateDeviceSecure,
        "D:P(A;;GA;;;SY)", null, SECURE, List.of(), false, false, false, AT, AT);
    assertTrue(stackOf(roled(DriverRole.BUS, List.of(raw, filter))).secureOpen());
    DeviceObject fdo = obj("fdo", DeviceObjectKind.FDO, "s", 1, CreationRoutine.IoCreateDevice, null, 0, false, null);
    assertFalse(stackOf(roled(DriverRole.BUS, List.of(raw, fdo))).secureOpen());
  }

  @Test
  void theInfAppliesOnlyItsStackWideCharacteristics() {
    DriverPackage p = pkg(List.of(obj("fdo", DeviceObjectKind.FDO, "s", 0, CreationRoutine.IoCreateDevice, null, 0, false, null)),
        List.of(hkr(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x190", false)));
    assertEquals(List.of(SECURE), stackOf(p).effectiveCharacteristics());
  }

  @Test
  void dwordValuesMustBeWrittenAsDwords() {
    assertEquals(0x100, io.drvguard.facts.policy.PackageModel.dword(hkr(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x0100", false)));
    assertEquals(1, io.drvguard.facts.policy.PackageModel.dword(hkr(RegistryKeyKind.HW, "Exclusive", "0x00010001", "1", false)));
    assertNull(io.drvguard.facts.policy.PackageModel.dword(hkr(RegistryKeyKind.HW, "DeviceType", "1", "02", false)));
    assertNull(io.drvguard.facts.policy.PackageModel.dword(hkr(RegistryKeyKind.HW, "DeviceType", "0x10001", "two", false)));
    assertNull(io.drvguard.facts.policy.PackageModel.dword(hkr(RegistryKeyKind.HW, "DeviceType", "0x10001", "0x22", true)));
  }
}
