package io.drvguard.facts.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an INF leaves in the hardware key once its AddReg lines are applied in order (INF-1). */
class PackageModelInfTest {
  static int line = 10;

  static InfRegistryValue hw(String name, String flags, String value) {
    return new InfRegistryValue("p", "Dev.AddReg", "Dev.NT.HW", RegistryKeyKind.HW, "HKR", "", name, flags, value,
        name.equals("Security"), "HKR,," + name + "," + flags + "," + value, SourceLocation.of("p.inf", line++));
  }

  static InfDeviceSettings settings(InfRegistryValue... values) {
    DriverPackage pkg = new DriverPackage("p", Path.of("."), null, null, List.of(), List.of(), List.of(), "p.inf",
        List.of(values));
    return PackageModel.infSettings(pkg).get(RegistryKeyKind.HW);
  }

  @Test
  void dwordsWithModifierBitsAreRead() {
    InfDeviceSettings s = settings(hw("DeviceType", "0x10003", "0x2"), hw("DeviceCharacteristics", "0x00010003", "0x100"),
        hw("Exclusive", "0x10001", "1"));
    assertEquals(2, s.deviceType());
    assertEquals(0x100, s.characteristics());
    assertEquals(Boolean.TRUE, s.exclusive());
  }

  @Test
  void aDelvalLineAfterAWriteLeavesNothing() {
    InfDeviceSettings s = settings(hw("Security", "", "D:P(A;;GA;;;SY)"), hw("DeviceType", "0x10001", "0x2"),
        hw("Security", "0x4", null), hw("DeviceType", "0x10005", "0x2"));
    assertFalse(s.setsSecurity());
    assertNull(s.securityLocation());
    assertNull(s.deviceType());
    // a delete-only line sets nothing, and a write after a delete sets the value again
    assertFalse(settings(hw("Security", "0x4", null)).setsSecurity());
    assertEquals("D:P(A;;GA;;;BA)",
        settings(hw("Security", "0x4", null), hw("Security", "", "D:P(A;;GA;;;BA)")).security());
  }

  @Test
  void keyOnlyNoclobberAndOverwriteOnlyOnAFreshKey() {
    assertNull(settings(hw("DeviceCharacteristics", "0x10011", "0x100")).characteristics());
    // NOCLOBBER keeps what an earlier line wrote; on its own it writes
    assertEquals(0x100, settings(hw("DeviceCharacteristics", "0x10001", "0x100"),
        hw("DeviceCharacteristics", "0x10003", "0x1")).characteristics());
    assertEquals(0x1, settings(hw("DeviceCharacteristics", "0x10003", "0x1")).characteristics());
    // OVERWRITEONLY writes nothing on a fresh key, and replaces an earlier write
    assertNull(settings(hw("DeviceCharacteristics", "0x10021", "0x100")).characteristics());
    assertEquals(0x1, settings(hw("DeviceCharacteristics", "0x10001", "0x100"),
        hw("DeviceCharacteristics", "0x10021", "0x1")).characteristics());
  }

  @Test
  void malformedWritesLeaveNoUsableValue() {
    // a later malformed write replaces the good value with one the PnP manager cannot read
    assertNull(settings(hw("DeviceType", "0x10001", "2"), hw("DeviceType", "0x1", "02")).deviceType());
    assertFalse(settings(hw("Security", "0x10001", "D:P(A;;GA;;;SY)")).setsSecurity());
    assertTrue(settings(hw("Security", "0x2", "D:P(A;;GA;;;SY)")).setsSecurity());
  }
}
