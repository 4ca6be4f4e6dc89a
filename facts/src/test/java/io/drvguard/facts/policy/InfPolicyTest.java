package io.drvguard.facts.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.Sid;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfPolicyTest {
  static InfRegistryValue line(RegistryKeyKind kind, String name, String flags, String value, boolean quoted) {
    return new InfRegistryValue("p", "Dev.AddReg", "Dev.NT.HW", kind, "HKR", "", name, flags, value, quoted,
        "HKR,," + name + "," + flags + "," + value, SourceLocation.of("p.inf", 3));
  }

  @Test
  void dwordNeedsTheDwordTypeBitsAndAnUnquotedNumber() {
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x100", false)));
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "Exclusive", "0x10001", "1", false)));
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceType", "0x10001", "0xFFFFFFFF", false)));
    assertEquals("flags `1` (REG_BINARY) are not `0x10001` (REG_DWORD)",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceType", "1", "02", false)));
    assertEquals("flags `(empty)` (REG_SZ) are not `0x10001` (REG_DWORD)",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "", "0x100", false)));
    // modifier bits keep the type REG_DWORD: NOCLOBBER (0x2), APPEND (0x8), 64BITKEY (0x1000)
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10003", "0x100", false)));
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceType", "0x00010009", "2", false)));
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "Exclusive", "0x11001", "1", false)));
    // a DELVAL or KEYONLY line writes nothing, so there is no DWORD to judge
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10005", null, false)));
    assertNull(InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10", "junk", false)));
    assertEquals("flags `0x3` (REG_BINARY) are not `0x10001` (REG_DWORD)",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x3", "0x100", false)));
    assertEquals("flags `0x10002` (REG_MULTI_SZ) are not `0x10001` (REG_DWORD)",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10002", "0x100", false)));
    assertEquals("flags `dword` are not a number",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "Exclusive", "dword", "1", false)));
    assertEquals("the value is missing",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "Exclusive", "0x10001", null, false)));
    assertEquals("the value `0x100` is written as a quoted string",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "0x100", true)));
    assertEquals("the value `SECURE_OPEN` is not a number",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceCharacteristics", "0x10001", "SECURE_OPEN", false)));
    assertEquals("the value `0x100000000` does not fit in a DWORD",
        InfPolicy.dwordProblem(line(RegistryKeyKind.HW, "DeviceType", "0x10001", "0x100000000", false)));
  }

  @Test
  void securityIsAStringWhenTheTypeBitsAreZero() {
    assertTrue(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "", "D:P", true)));
    assertTrue(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "0", "D:P", true)));
    // FLG_ADDREG_NOCLOBBER is a modifier, the type stays REG_SZ
    assertTrue(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "0x2", "D:P", true)));
    assertFalse(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "0x10001", "D:P", true)));
    assertFalse(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "1", "D:P", true)));
    assertFalse(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "0x10000", "D:P", true)));
    assertFalse(InfPolicy.writtenAsString(line(RegistryKeyKind.HW, "Security", "sz", "D:P", true)));
    assertEquals("REG_MULTI_SZ", InfPolicy.typeName(line(RegistryKeyKind.HW, "Security", "0x10000", "D:P", true)));
  }

  @Test
  void softwareKeyAndDeletingLinesAreNotJudged() {
    assertFalse(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.SOFTWARE, "DeviceType", "1", "02", false)));
    assertFalse(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.HW, "Security", "0x4", null, false)));
    assertFalse(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.HW, "DeviceType", "0x10005", "2", false)));
    assertFalse(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.HW, "Security", "0x10", "D:P", true)));
    assertTrue(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.HW, "Security", "0x2", "D:P", true)));
    assertFalse(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.HW, "FriendlyName", "", "x", true)));
    assertTrue(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.CLASS, "Security", "", "", false)));
    assertTrue(InfPolicy.judgedDeviceProperty(line(RegistryKeyKind.HW, "DeviceType", "junk", "1", false)));
  }

  @Test
  void lineTextDropsTheCommentOutsideQuotes() {
    InfRegistryValue v = new InfRegistryValue("p", "S", "S.NT.HW", RegistryKeyKind.HW, "HKR", "", "Security", "", "D:P(A;;GA;;;SY)",
        true, "   HKR,,Security,,\"D:P(A;;GA;;;SY)\"     ; system only", SourceLocation.of("p.inf", 3));
    assertEquals("HKR,,Security,,\"D:P(A;;GA;;;SY)\"", InfPolicy.lineText(v));
  }

  @Test
  void unquotedHintOnlyForLiteralUnquotedValues() {
    assertEquals("", InfPolicy.unquotedSddlHint(line(RegistryKeyKind.HW, "Security", "", "D:P(A", true)));
    assertTrue(InfPolicy.unquotedSddlHint(line(RegistryKeyKind.HW, "Security", "", "D:P(A", false)).contains("`;`"));
  }

  @Test
  void broadGrantsSplitWriteFromReadOnePerPrincipal() throws Exception {
    List<InfPolicy.BroadGrant> g = InfPolicy.broadGrants(
        Sddl.parse("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGWGX;;;WD)(A;;GR;;;AU)(A;;GR;;;WD)(A;;GX;;;RC)"));
    // RC (restricted code) is a restricting SID, not a group of users (INF-4)
    assertEquals(List.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS),
        g.stream().map(InfPolicy.BroadGrant::principal).toList());
    assertEquals(List.of(), InfPolicy.broadGrants(Sddl.parse("D:P(A;;GA;;;SY)(A;;GA;;;RC)")));
    assertTrue(g.get(0).writes());
    assertEquals(AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA | AccessMask.FILE_WRITE_EA
        | AccessMask.FILE_WRITE_ATTRIBUTES, g.get(0).writeAccess());
    assertFalse(g.get(1).writes());
    assertEquals(AccessMask.FILE_GENERIC_READ, g.get(1).access());
    assertEquals("`WD` (Everyone)", g.get(0).principalText());
    assertEquals("FILE_GENERIC_READ|FILE_GENERIC_WRITE|FILE_GENERIC_EXECUTE", g.get(0).accessText());
    assertEquals("FILE_GENERIC_READ", g.get(1).accessText());
    assertEquals("FILE_GENERIC_EXECUTE", InfPolicy.broadGrants(Sddl.parse("D:(A;;0x1200a0;;;WD)")).get(0).accessText());
    assertEquals("FILE_READ_DATA|SYNCHRONIZE", InfPolicy.broadGrants(Sddl.parse("D:(A;;0x100001;;;WD)")).get(0).accessText());
  }

  @Test
  void broadGrantsSeeGenericAllAppContainersDeniesAndNullDacl() throws Exception {
    List<InfPolicy.BroadGrant> simbatt = InfPolicy.broadGrants(Sddl.parse("D:P(A;;GA;;;AU)(A;;GA;;;S-1-15-2-1)"));
    assertEquals(List.of(Sid.AUTHENTICATED_USERS, Sid.ALL_APP_PACKAGES),
        simbatt.stream().map(InfPolicy.BroadGrant::principal).toList());
    assertEquals("FILE_ALL_ACCESS", simbatt.get(1).accessText());
    // a deny for the same principal before the allow takes the write bits away
    List<InfPolicy.BroadGrant> denied = InfPolicy.broadGrants(Sddl.parse("D:P(D;;GW;;;WD)(A;;GRGW;;;WD)"));
    assertEquals(1, denied.size());
    assertFalse(denied.get(0).writes(), denied.toString());
    // inherit-only ACEs do not apply to the device object
    assertEquals(List.of(), InfPolicy.broadGrants(Sddl.parse("D:P(A;IO;GA;;;WD)(A;;GA;;;SY)")));
    assertEquals(List.of(), InfPolicy.broadGrants(Sddl.parse("D:P(A;;GA;;;SY)(A;;GA;;;BA)")));
    List<InfPolicy.BroadGrant> none = InfPolicy.broadGrants(Sddl.parse("O:BA"));
    assertTrue(none.get(0).nullDacl() && none.get(0).writes());
  }

  @Test
  void settableCharacteristicsAreTheFiveStackWideOnes() {
    assertFalse(InfPolicy.setsSettableCharacteristics(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME));
    assertFalse(InfPolicy.setsSettableCharacteristics(DeviceCharacteristics.FILE_REMOTE_DEVICE));
    assertFalse(InfPolicy.setsSettableCharacteristics(DeviceCharacteristics.FILE_CHARACTERISTIC_PNP_DEVICE));
    assertFalse(InfPolicy.setsSettableCharacteristics(DeviceCharacteristics.FILE_DEVICE_ALLOW_APPCONTAINER_TRAVERSAL));
    assertTrue(InfPolicy.setsSettableCharacteristics(DeviceCharacteristics.FILE_REMOVABLE_MEDIA));
    assertEquals("FILE_REMOVABLE_MEDIA|FILE_READ_ONLY_DEVICE|FILE_FLOPPY_DISKETTE|FILE_WRITE_ONCE_MEDIA"
        + "|FILE_DEVICE_SECURE_OPEN", InfPolicy.settableCharacteristicsList());
    assertTrue(InfPolicy.setsSettableCharacteristics(
        DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME | DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN));
    assertEquals("FILE_DEVICE_SECURE_OPEN", InfPolicy.settableCharacteristicsText(
        DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME | DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN));
  }
}
