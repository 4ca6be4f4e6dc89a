package io.drvguard.facts.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.SourceLocation;
import org.junit.jupiter.api.Test;

class InfTextTest {
  static InfRegistryValue line(RegistryKeyKind kind, String name, String flags, String value, boolean quoted) {
    return new InfRegistryValue("p", "Dev.AddReg", "Dev.NT.HW", kind, "HKR", "", name, flags, value, quoted,
        "HKR,," + name + "," + flags + "," + value, SourceLocation.of("p.inf", 3));
  }

  @Test
  void dwordNeedsTheDwordTypeBitsAndAnUnquotedNumber() {
    assertNull(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x100", false).dwordProblem());
    assertNull(line(RegistryKeyKind.HW, "Exclusive", "0x10001", "1", false).dwordProblem());
    assertNull(line(RegistryKeyKind.HW, "DeviceType", "0x10001", "0xFFFFFFFF", false).dwordProblem());
    assertEquals("flags `1` (REG_BINARY) are not `0x10001` (REG_DWORD)",
        line(RegistryKeyKind.HW, "DeviceType", "1", "02", false).dwordProblem());
    assertEquals("flags `(empty)` (REG_SZ) are not `0x10001` (REG_DWORD)",
        line(RegistryKeyKind.HW, "DeviceCharacteristics", "", "0x100", false).dwordProblem());
    // modifier bits keep the type REG_DWORD: NOCLOBBER (0x2), APPEND (0x8), 64BITKEY (0x1000)
    assertNull(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10003", "0x100", false).dwordProblem());
    assertNull(line(RegistryKeyKind.HW, "DeviceType", "0x00010009", "2", false).dwordProblem());
    assertNull(line(RegistryKeyKind.HW, "Exclusive", "0x11001", "1", false).dwordProblem());
    // a DELVAL or KEYONLY line writes nothing, so there is no DWORD to judge
    assertNull(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10005", null, false).dwordProblem());
    assertNull(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10", "junk", false).dwordProblem());
    assertEquals("flags `0x3` (REG_BINARY) are not `0x10001` (REG_DWORD)",
        line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x3", "0x100", false).dwordProblem());
    assertEquals("flags `0x10002` (REG_MULTI_SZ) are not `0x10001` (REG_DWORD)",
        line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10002", "0x100", false).dwordProblem());
    assertEquals("flags `dword` are not a number",
        line(RegistryKeyKind.HW, "Exclusive", "dword", "1", false).dwordProblem());
    assertEquals("the value is missing",
        line(RegistryKeyKind.HW, "Exclusive", "0x10001", null, false).dwordProblem());
    assertEquals("the value `0x100` is written as a quoted string",
        line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x100", true).dwordProblem());
    assertEquals("the value `SECURE_OPEN` is not a number",
        line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "SECURE_OPEN", false).dwordProblem());
    assertEquals("the value `0x100000000` does not fit in a DWORD",
        line(RegistryKeyKind.HW, "DeviceType", "0x10001", "0x100000000", false).dwordProblem());
  }

  @Test
  void securityIsAStringWhenTheTypeBitsAreZero() {
    assertTrue(line(RegistryKeyKind.HW, "Security", "", "D:P", true).effect().writesString());
    assertTrue(line(RegistryKeyKind.HW, "Security", "0", "D:P", true).effect().writesString());
    // FLG_ADDREG_NOCLOBBER is a modifier, the type stays REG_SZ
    assertTrue(line(RegistryKeyKind.HW, "Security", "0x2", "D:P", true).effect().writesString());
    assertFalse(line(RegistryKeyKind.HW, "Security", "0x10001", "D:P", true).effect().writesString());
    assertFalse(line(RegistryKeyKind.HW, "Security", "1", "D:P", true).effect().writesString());
    assertFalse(line(RegistryKeyKind.HW, "Security", "0x10000", "D:P", true).effect().writesString());
    assertFalse(line(RegistryKeyKind.HW, "Security", "sz", "D:P", true).effect().writesString());
    assertEquals("REG_MULTI_SZ", line(RegistryKeyKind.HW, "Security", "0x10000", "D:P", true).effect().typeName());
  }

  @Test
  void softwareKeyAndDeletingLinesAreNotJudged() {
    assertFalse(line(RegistryKeyKind.SOFTWARE, "DeviceType", "1", "02", false).writesDeviceProperty());
    assertFalse(line(RegistryKeyKind.HW, "Security", "0x4", null, false).writesDeviceProperty());
    assertFalse(line(RegistryKeyKind.HW, "DeviceType", "0x10005", "2", false).writesDeviceProperty());
    assertFalse(line(RegistryKeyKind.HW, "Security", "0x10", "D:P", true).writesDeviceProperty());
    assertTrue(line(RegistryKeyKind.HW, "Security", "0x2", "D:P", true).writesDeviceProperty());
    assertFalse(line(RegistryKeyKind.HW, "FriendlyName", "", "x", true).writesDeviceProperty());
    assertTrue(line(RegistryKeyKind.CLASS, "Security", "", "", false).writesDeviceProperty());
    assertTrue(line(RegistryKeyKind.HW, "DeviceType", "junk", "1", false).writesDeviceProperty());
  }

  @Test
  void lineTextDropsTheCommentOutsideQuotes() {
    InfRegistryValue v = new InfRegistryValue("p", "S", "S.NT.HW", RegistryKeyKind.HW, "HKR", "", "Security", "", "D:P(A;;GA;;;SY)",
        true, "   HKR,,Security,,\"D:P(A;;GA;;;SY)\"     ; system only", SourceLocation.of("p.inf", 3));
    assertEquals("HKR,,Security,,\"D:P(A;;GA;;;SY)\"", InfText.lineText(v));
  }

  @Test
  void unquotedHintOnlyForLiteralUnquotedValues() {
    assertEquals("", InfText.unquotedSddlHint(line(RegistryKeyKind.HW, "Security", "", "D:P(A", true)));
    assertTrue(InfText.unquotedSddlHint(line(RegistryKeyKind.HW, "Security", "", "D:P(A", false)).contains("`;`"));
  }

  @Test
  void settableCharacteristicsAreTheFiveStackWideOnes() {
    assertFalse(DeviceCharacteristics.infSettable(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME) != 0);
    assertFalse(DeviceCharacteristics.infSettable(DeviceCharacteristics.FILE_REMOTE_DEVICE) != 0);
    assertFalse(DeviceCharacteristics.infSettable(DeviceCharacteristics.FILE_CHARACTERISTIC_PNP_DEVICE) != 0);
    assertFalse(DeviceCharacteristics.infSettable(DeviceCharacteristics.FILE_DEVICE_ALLOW_APPCONTAINER_TRAVERSAL) != 0);
    assertTrue(DeviceCharacteristics.infSettable(DeviceCharacteristics.FILE_REMOVABLE_MEDIA) != 0);
    assertEquals("FILE_REMOVABLE_MEDIA|FILE_READ_ONLY_DEVICE|FILE_FLOPPY_DISKETTE|FILE_WRITE_ONCE_MEDIA"
        + "|FILE_DEVICE_SECURE_OPEN", InfText.settableCharacteristicsList());
    assertTrue(DeviceCharacteristics.infSettable(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME | DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN) != 0);
    assertEquals("FILE_DEVICE_SECURE_OPEN", InfText.settableCharacteristicsText(
        DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME | DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN));
  }
}
