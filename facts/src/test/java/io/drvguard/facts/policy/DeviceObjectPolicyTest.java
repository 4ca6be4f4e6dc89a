package io.drvguard.facts.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceObjectPolicyTest {
  static final SourceLocation DRIVER_AT = SourceLocation.of(Path.of("pkg", "drvguard.yaml").toString(), 1);

  static Driver driver(String inf) {
    return new Driver("toaster", DriverRole.FUNCTION, inf, false, false, false, Dispatch.NONE, DRIVER_AT);
  }

  static InfDeviceSettings settings(RegistryKeyKind kind, SourceLocation charsAt) {
    return new InfDeviceSettings("toaster", "toaster.inf", kind, null, null,
        charsAt == null ? null : 0x100, charsAt, null, null);
  }

  @Test
  void deviceDirectoryNamesNeedTheDirectoryAndALeaf() {
    assertTrue(DeviceObjectPolicy.inDeviceDirectory("\\Device\\Toaster0"));
    assertTrue(DeviceObjectPolicy.inDeviceDirectory("\\DEVICE\\toaster0"));
    assertTrue(DeviceObjectPolicy.inDeviceDirectory("\\device\\x"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("\\Device\\"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("\\Device\\  "));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("\\Device"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("\\DosDevices\\Toaster0"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("\\??\\Toaster0"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("Device\\Toaster0"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory("\\Devices\\Toaster0"));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory(""));
    assertFalse(DeviceObjectPolicy.inDeviceDirectory(null));
  }

  @Test
  void guidsAreEightFourFourFourTwelveHexDigits() {
    assertTrue(DeviceObjectPolicy.isGuid("{b85b7c50-6a01-11d2-b841-00c04fad5171}"));
    assertTrue(DeviceObjectPolicy.isGuid("B85B7C50-6A01-11D2-B841-00C04FAD5171"));
    assertTrue(DeviceObjectPolicy.isGuid(" {b85b7c50-6a01-11d2-b841-00c04fad5171} "));
    assertFalse(DeviceObjectPolicy.isGuid("{b85b7c50-6a01-11d2-b841-00c04fad5171"));
    assertFalse(DeviceObjectPolicy.isGuid("b85b7c50-6a01-11d2-b841-00c04fad5171}"));
    assertFalse(DeviceObjectPolicy.isGuid("{b85b7c50-6a01-11d2-b841-00c04fad517}"));
    assertFalse(DeviceObjectPolicy.isGuid("{g85b7c50-6a01-11d2-b841-00c04fad5171}"));
    assertFalse(DeviceObjectPolicy.isGuid("b85b7c506a0111d2b84100c04fad5171"));
    assertFalse(DeviceObjectPolicy.isGuid("GUID_DEVCLASS_TOASTER"));
    assertFalse(DeviceObjectPolicy.isGuid(""));
    assertFalse(DeviceObjectPolicy.isGuid(null));
  }

  @Test
  void listsInBackticks() {
    assertEquals("`\\DosDevices\\X`, `main`", DeviceObjectPolicy.listed(List.of("main", "\\DosDevices\\X")));
    assertEquals("`a`", DeviceObjectPolicy.listed(List.of("a")));
    assertEquals("`a`, `b`", DeviceObjectPolicy.listed(List.of("b", "a", "b")));
    assertEquals("", DeviceObjectPolicy.listed(List.of()));
  }

  @Test
  void stacksRunAgreesInNumber() {
    assertEquals("device stack `main` runs", DeviceObjectPolicy.stacksRun(List.of("main", "main")));
    assertEquals("device stacks `aux`, `main` run", DeviceObjectPolicy.stacksRun(List.of("main", "aux", "main")));
  }

  @Test
  void missingSecurityGoesBesideTheHardwareCharacteristicsLine() {
    SourceLocation hwChars = SourceLocation.of("pkg/toaster.inf", 31);
    SourceLocation classChars = SourceLocation.of("pkg/toaster.inf", 12);
    assertEquals(hwChars, DeviceObjectPolicy.missingSecurityLocation(driver("toaster.inf"),
        List.of(settings(RegistryKeyKind.CLASS, classChars), settings(RegistryKeyKind.HW, hwChars))));
  }

  @Test
  void otherwiseTheInfFileBesideTheManifest() {
    SourceLocation classChars = SourceLocation.of("pkg/toaster.inf", 12);
    SourceLocation expected = SourceLocation.of(Path.of("pkg", "toaster.inf").toString(), 0);
    assertEquals(expected, DeviceObjectPolicy.missingSecurityLocation(driver("toaster.inf"), List.of()));
    assertEquals(expected, DeviceObjectPolicy.missingSecurityLocation(driver("toaster.inf"),
        List.of(settings(RegistryKeyKind.CLASS, classChars), settings(RegistryKeyKind.HW, null))));
    assertEquals(SourceLocation.of(Path.of("pkg", "inf", "toaster.inf").toString(), 0),
        DeviceObjectPolicy.missingSecurityLocation(driver("inf/./toaster.inf"), List.of()));
  }

  @Test
  void withoutAnInfTheDriverSection() {
    assertEquals(DRIVER_AT, DeviceObjectPolicy.missingSecurityLocation(driver(null), List.of()));
  }

  @Test
  void withoutAManifestFileTheInfAsWritten() {
    Driver d = new Driver("toaster", DriverRole.FUNCTION, "toaster.inf", false, false, false, Dispatch.NONE,
        new SourceLocation(null, 0, 0));
    assertEquals(SourceLocation.of("toaster.inf", 0), DeviceObjectPolicy.missingSecurityLocation(d, List.of()));
  }
}
