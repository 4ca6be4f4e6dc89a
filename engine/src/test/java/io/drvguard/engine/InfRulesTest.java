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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * INF-2, INF-3 and INF-4 on packages built in Java with {@link InfRegistryValue} facts, each rule
 * with a finding case and a compliant twin.
 */
class InfRulesTest {
  static final String INF = "dev.inf";
  static final SourceLocation MANIFEST = SourceLocation.of("drvguard.yaml", 1);
  static Engine engine;

  @BeforeAll
  static void build() throws Exception {
    engine = Engine.withBundledRules();
  }

  /** One AddReg line of [Dev.AddReg] reached from [Dev.NT.HW] (or as given), at {@code line} of dev.inf. */
  static InfRegistryValue reg(RegistryKeyKind kind, String from, String name, String flags, String value,
      boolean quoted, int line) {
    String v = value == null ? "" : "," + (quoted ? "\"" + value + "\"" : value);
    return new InfRegistryValue("pkg", "Dev.AddReg", from, kind, "HKR", "", name, flags, value, quoted,
        "HKR,," + name + "," + flags + v, SourceLocation.of(INF, line));
  }

  static InfRegistryValue hw(String name, String flags, String value, boolean quoted, int line) {
    return reg(RegistryKeyKind.HW, "Dev.NT.HW", name, flags, value, quoted, line);
  }

  static InfRegistryValue security(String sddl) {
    return hw("Security", "", sddl, true, 40);
  }

  static DeviceObject object(String id, DeviceObjectKind kind, String stack, int position, boolean raw,
      CreationRoutine routine, String sddl, int characteristics) {
    return new DeviceObject("pkg", id, kind, stack, position, raw, null, routine, sddl, null, characteristics,
        DeviceCharacteristics.names(characteristics), false, false, false, MANIFEST, SourceLocation.of("drvguard.yaml", 7));
  }

  static DeviceObject fdo(int characteristics) {
    return object("fdo0", DeviceObjectKind.FDO, "dev", 0, false, CreationRoutine.IoCreateDevice, null, characteristics);
  }

  static DriverPackage pkg(DriverRole role, List<DeviceObject> objects, List<InfRegistryValue> inf) {
    String infFile = inf == null ? null : INF;
    Driver driver = new Driver("pkg", role, infFile, false, false, false, Dispatch.NONE, MANIFEST);
    return new DriverPackage("pkg", Path.of("."), Path.of("drvguard.yaml"), driver, objects, List.of(), List.of(),
        infFile, inf == null ? List.of() : inf);
  }

  /** A bare INF checked on its own: no driver, no device objects. */
  static DriverPackage bareInf(InfRegistryValue... values) {
    return new DriverPackage("pkg", Path.of("."), null, null, List.of(), List.of(), List.of(), INF, List.of(values));
  }

  static List<Violation> findings(DriverPackage p, String requirement) {
    List<Violation> out = new ArrayList<>();
    for (Violation v : engine.check(p).violations()) {
      if (v.requirement().equals(requirement)) {
        out.add(v);
      }
    }
    return out;
  }

  static Violation only(List<Violation> vs, String ruleId, String subject, Severity severity) {
    assertEquals(1, vs.size(), vs.toString());
    Violation v = vs.get(0);
    assertEquals(ruleId, v.ruleId());
    assertEquals(subject, v.subject());
    assertEquals(severity, v.severity());
    return v;
  }

  // ------------------------------------------------------------------ INF-2

  @Test
  void emptySecurityValueIsAnError() {
    Violation v = only(findings(bareInf(hw("Security", "", "", false, 12)), "INF-2"),
        "InfSecurityValueEmpty", "Dev.AddReg/Security", Severity.ERROR);
    assertEquals(SourceLocation.of(INF, 12), v.location());
    assertTrue(v.message().contains("is empty"), v.message());
  }

  @Test
  void emptiedClassSecurityAsInTheWfpSamplerHistoryIsAnError() {
    // WFPSamplerCalloutDriver.InX lost its SDDL in a UTF-16 to UTF-8 conversion: `HKR,,Security,,`
    InfRegistryValue emptied = reg(RegistryKeyKind.CLASS, "ClassInstall32.nt$ARCH$", "Security", "", "", false, 54);
    only(findings(bareInf(emptied), "INF-2"), "InfSecurityValueEmpty", "Dev.AddReg/Security", Severity.ERROR);
    InfRegistryValue absent = reg(RegistryKeyKind.CLASS, "ClassInstall32", "Security", "", null, false, 54);
    assertTrue(only(findings(bareInf(absent), "INF-2"), "InfSecurityValueEmpty", "Dev.AddReg/Security",
        Severity.ERROR).message().contains("is missing"));
  }

  @Test
  void wellFormedSecurityIsNotInf2() {
    assertEquals(List.of(), findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)")), "INF-2"));
    // a value taken from a %strkey% is unquoted on the line, and fine
    assertEquals(List.of(), findings(bareInf(hw("Security", "", "D:P(A;;GA;;;SY)", false, 40)), "INF-2"));
  }

  @Test
  void softwareKeyValuesAreNotJudged() {
    // mdmfake.inx: `HKR,, DeviceType, 1, 02` in the modem's software key is the modem type, not a DWORD property
    InfRegistryValue modem = reg(RegistryKeyKind.SOFTWARE, "ModemX.NT", "DeviceType", "1", "02", false, 158);
    InfRegistryValue emptySecurity = reg(RegistryKeyKind.SOFTWARE, "ModemX.NT", "Security", "", "", false, 159);
    assertEquals(List.of(), findings(bareInf(modem, emptySecurity), "INF-2"));
    InfRegistryValue inHw = hw("DeviceType", "1", "02", false, 158);
    only(findings(bareInf(inHw), "INF-2"), "InfDwordValueMalformed", "Dev.AddReg/DeviceType", Severity.ERROR);
  }

  @Test
  void securityWrittenAsDwordIsNotAStringAndOnlyThat() {
    Violation v = only(findings(bareInf(hw("Security", "0x10001", "D:P(A;;GA;;;SY)", true, 41)), "INF-2"),
        "InfSecurityNotString", "Dev.AddReg/Security", Severity.ERROR);
    assertTrue(v.message().contains("`0x10001` (REG_DWORD)"), v.message());
    // not a string and not SDDL either: still one finding for the line
    only(findings(bareInf(hw("Security", "1", "01,02", false, 41)), "INF-2"),
        "InfSecurityNotString", "Dev.AddReg/Security", Severity.ERROR);
    assertEquals(List.of(), findings(bareInf(hw("Security", "0", "D:P(A;;GA;;;SY)", true, 41)), "INF-2"));
  }

  @Test
  void unparsableSecurityIsAnErrorWithTheParserMessage() {
    Violation v = only(findings(bareInf(security("D:P(A;;GA;;;SY")), "INF-2"),
        "InfSecuritySddlMalformed", "Dev.AddReg/Security", Severity.ERROR);
    assertEquals(SourceLocation.of(INF, 40), v.location());
    assertTrue(v.message().contains("`D:P(A;;GA;;;SY`"), v.message());
    // unquoted, the INF parser ends the value at the first `;`
    Violation cut = only(findings(bareInf(hw("Security", "", "D:P(A", false, 40)), "INF-2"),
        "InfSecuritySddlMalformed", "Dev.AddReg/Security", Severity.ERROR);
    assertTrue(cut.message().contains("without quotes"), cut.message());
    // and OBJ-9 leaves INF values to INF-2
    assertEquals(List.of(), findings(bareInf(security("D:P(A;;GA;;;SY")), "OBJ-9"));
  }

  @Test
  void oneFindingPerLineReachedFromTwoInstallSections() {
    // virtualserial2um.inx: one AddReg section named by two .hw sections
    InfRegistryValue a = reg(RegistryKeyKind.HW, "VirtualSerial_Install_Win11.NT.hw", "Security", "", "D:P(A;", true, 93);
    InfRegistryValue b = reg(RegistryKeyKind.HW, "VirtualSerial_Install.NT.hw", "Security", "", "D:P(A;", true, 93);
    only(findings(bareInf(a, b), "INF-2"), "InfSecuritySddlMalformed", "Dev.AddReg/Security", Severity.ERROR);
    InfRegistryValue c = reg(RegistryKeyKind.HW, "VirtualSerial_Install_Win11.NT.hw", "DeviceType", "0x10001", "serial", false, 94);
    InfRegistryValue d = reg(RegistryKeyKind.HW, "VirtualSerial_Install.NT.hw", "DeviceType", "0x10001", "serial", false, 94);
    only(findings(bareInf(c, d), "INF-2"), "InfDwordValueMalformed", "Dev.AddReg/DeviceType", Severity.ERROR);
  }

  @Test
  void dwordPropertiesNeedFlags0x10001AndANumber() {
    Violation v = only(findings(bareInf(hw("DeviceCharacteristics", "", "0x100", false, 42)), "INF-2"),
        "InfDwordValueMalformed", "Dev.AddReg/DeviceCharacteristics", Severity.ERROR);
    assertEquals(SourceLocation.of(INF, 42), v.location());
    assertTrue(v.message().contains("flags `(empty)` (REG_SZ) are not `0x10001`"), v.message());
    Violation word = only(findings(bareInf(hw("Exclusive", "0x10001", "yes", false, 43)), "INF-2"),
        "InfDwordValueMalformed", "Dev.AddReg/Exclusive", Severity.ERROR);
    assertTrue(word.message().contains("`yes` is not a number"), word.message());
    assertEquals(List.of(), findings(bareInf(
        hw("DeviceCharacteristics", "0x10001", "0x0100", false, 42),
        hw("Exclusive", "0x10001", "1", false, 43),
        hw("DeviceType", "0x10001", "0x0000001D", false, 44)), "INF-2"));
  }

  @Test
  void dwordModifierBitsAreValidAndDeletingLinesAreNotJudged() {
    // 0x10003 = REG_DWORD | FLG_ADDREG_NOCLOBBER, 0x11001 = REG_DWORD | FLG_ADDREG_64BITKEY
    assertEquals(List.of(), findings(bareInf(
        hw("DeviceCharacteristics", "0x10003", "0x100", false, 42),
        hw("DeviceType", "0x00010003", "0x1F", false, 43),
        hw("Exclusive", "0x11001", "1", false, 44),
        hw("DeviceType", "0x10005", null, false, 45),
        hw("Exclusive", "0x10", "yes", false, 46)), "INF-2"));
    // the value still has to be a number, and the type bits a DWORD
    Violation word = only(findings(bareInf(hw("DeviceType", "0x10003", "serial", false, 43)), "INF-2"),
        "InfDwordValueMalformed", "Dev.AddReg/DeviceType", Severity.ERROR);
    assertTrue(word.message().contains("`serial` is not a number"), word.message());
    Violation binary = only(findings(bareInf(hw("DeviceType", "0x3", "02", false, 43)), "INF-2"),
        "InfDwordValueMalformed", "Dev.AddReg/DeviceType", Severity.ERROR);
    assertTrue(binary.message().contains("(REG_BINARY)"), binary.message());
  }

  @Test
  void aSecurityValueDeletedByALaterDelvalLineIsNotSet() {
    DriverPackage deleted = pkg(DriverRole.FUNCTION, List.of(fdo(0)), List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)"),
        hw("DeviceCharacteristics", "0x10001", "0x100", false, 41), hw("Security", "0x4", null, false, 42)));
    only(findings(deleted, "OBJ-5"), "InfWithoutDeviceSecurity", INF, Severity.WARNING);
    DriverPackage deleteOnly = pkg(DriverRole.FUNCTION, List.of(fdo(0)), List.of(
        hw("DeviceCharacteristics", "0x10001", "0x100", false, 41), hw("Security", "0x4", "D:P(A;;GA;;;WD)", true, 42)));
    only(findings(deleteOnly, "OBJ-5"), "InfWithoutDeviceSecurity", INF, Severity.WARNING);
    // a deleting line grants nothing either
    assertEquals(List.of(), findings(deleteOnly, "INF-4"));
    // twin: written again after the delete, or with NOCLOBBER on a fresh key
    DriverPackage rewritten = pkg(DriverRole.FUNCTION, List.of(fdo(0)), List.of(hw("Security", "0x4", null, false, 39),
        security("D:P(A;;GA;;;SY)(A;;GA;;;BA)"), hw("DeviceCharacteristics", "0x10001", "0x100", false, 41)));
    assertEquals(List.of(), findings(rewritten, "OBJ-5"));
    DriverPackage noClobber = pkg(DriverRole.FUNCTION, List.of(fdo(0)), List.of(
        hw("Security", "0x2", "D:P(A;;GA;;;SY)(A;;GA;;;BA)", true, 40),
        hw("DeviceCharacteristics", "0x10001", "0x100", false, 41)));
    assertEquals(List.of(), findings(noClobber, "OBJ-5"));
  }

  // ------------------------------------------------------------------ INF-3

  @Test
  void characteristicsSetOnlyInCodeIsInfo() {
    DriverPackage noInf = pkg(DriverRole.FUNCTION, List.of(fdo(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN)), null);
    Violation v = only(findings(noInf, "INF-3"), "CharacteristicsOnlyInCode", "fdo0", Severity.INFO);
    assertTrue(v.message().contains("`FILE_DEVICE_SECURE_OPEN`") && v.message().contains("no INF"), v.message());
    DriverPackage infWithoutChars = pkg(DriverRole.FUNCTION, List.of(fdo(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN)),
        List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)")));
    only(findings(infWithoutChars, "INF-3"), "CharacteristicsOnlyInCode", "fdo0", Severity.INFO);
  }

  @Test
  void characteristicsInTheInfAreNotInf3() {
    DriverPackage twin = pkg(DriverRole.FUNCTION, List.of(fdo(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN)),
        List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)"), hw("DeviceCharacteristics", "0x10001", "0x100", false, 41)));
    assertEquals(List.of(), findings(twin, "INF-3"));
    DriverPackage infOnly = pkg(DriverRole.FUNCTION, List.of(fdo(0)),
        List.of(hw("DeviceCharacteristics", "0x10001", "0x100", false, 41)));
    assertEquals(List.of(), findings(infOnly, "INF-3"));
    // the naming flag is not a device characteristic the INF could carry
    DriverPackage naming = pkg(DriverRole.FUNCTION, List.of(fdo(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME)),
        List.of(hw("DeviceCharacteristics", "0x10001", "0x100", false, 41)));
    assertEquals(List.of(), findings(naming, "INF-3"));
    // legacy drivers are not installed as PnP devices
    DriverPackage legacy = pkg(DriverRole.LEGACY, List.of(object("ctl0", DeviceObjectKind.LEGACY, "ctl", 0, false,
        CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)", DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN)), null);
    assertEquals(List.of(), findings(legacy, "INF-3"));
  }

  @Test
  void characteristicsDeletedByALaterDelvalLineAreNotSetByTheInf() {
    DriverPackage p = pkg(DriverRole.FUNCTION, List.of(fdo(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN)), List.of(
        hw("DeviceCharacteristics", "0x10001", "0x100", false, 41), hw("DeviceCharacteristics", "0x10005", null, false, 42)));
    only(findings(p, "INF-3"), "CharacteristicsOnlyInCode", "fdo0", Severity.INFO);
    DriverPackage twin = pkg(DriverRole.FUNCTION, List.of(fdo(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN)), List.of(
        hw("DeviceCharacteristics", "0x10003", "0x100", false, 41)));
    assertEquals(List.of(), findings(twin, "INF-3"));
  }

  @Test
  void characteristicsOfOneObjectAreNotAdvisedForTheInf() {
    // FILE_REMOTE_DEVICE and FILE_CHARACTERISTIC_PNP_DEVICE are not among the five an INF may set
    int objectOnly = DeviceCharacteristics.FILE_REMOTE_DEVICE | DeviceCharacteristics.FILE_CHARACTERISTIC_PNP_DEVICE;
    DriverPackage p = pkg(DriverRole.FUNCTION, List.of(fdo(objectOnly)), List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)")));
    Violation v = only(findings(p, "INF-3"), "InfSetsNoDeviceCharacteristics", "pkg", Severity.INFO);
    assertTrue(v.message().contains("FILE_DEVICE_SECURE_OPEN") && !v.message().contains("FILE_REMOTE_DEVICE"),
        v.message());
    DriverPackage twin = pkg(DriverRole.FUNCTION, List.of(fdo(objectOnly)), List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)"),
        hw("DeviceCharacteristics", "0x10001", "0x100", false, 41)));
    assertEquals(List.of(), findings(twin, "INF-3"));
    // with a stack-wide one set in code, the advice names only that one
    DriverPackage mixed = pkg(DriverRole.FUNCTION, List.of(fdo(objectOnly | DeviceCharacteristics.FILE_REMOVABLE_MEDIA)),
        List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)")));
    Violation m = only(findings(mixed, "INF-3"), "CharacteristicsOnlyInCode", "fdo0", Severity.INFO);
    assertTrue(m.message().contains("sets `FILE_REMOVABLE_MEDIA` in code"), m.message());
  }

  @Test
  void characteristicsSetNowhereIsInfo() {
    DriverPackage p = pkg(DriverRole.FUNCTION, List.of(fdo(0)), List.of(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)")));
    Violation v = only(findings(p, "INF-3"), "InfSetsNoDeviceCharacteristics", "pkg", Severity.INFO);
    assertEquals(MANIFEST, v.location());
    assertTrue(v.message().contains("INF `dev.inf` has no `DeviceCharacteristics`"), v.message());
    // filters take the characteristics of the stack below them
    DriverPackage filter = pkg(DriverRole.FILTER, List.of(object("filter0", DeviceObjectKind.FILTER, "dev", 0, false,
        CreationRoutine.IoCreateDevice, null, 0)), List.of());
    assertEquals(List.of(), findings(filter, "INF-3"));
  }

  @Test
  void malformedInfCharacteristicsAreInf2NotInf3() {
    DriverPackage p = pkg(DriverRole.FUNCTION, List.of(fdo(0)), List.of(hw("DeviceCharacteristics", "", "0x100", false, 41)));
    assertEquals(List.of(), findings(p, "INF-3"));
    assertEquals(1, findings(p, "INF-2").size());
  }

  @Test
  void pdoSecurityOnlyFromIoCreateDeviceSecureIsInfo() {
    DeviceObject pdo = object("pdo0", DeviceObjectKind.PDO, "child", 0, false, CreationRoutine.IoCreateDeviceSecure,
        "D:P(A;;GA;;;SY)(A;;GA;;;BA)", 0);
    Violation v = only(findings(pkg(DriverRole.BUS, List.of(pdo), null), "INF-3"),
        "SecurityOnlyInCode", "pdo0", Severity.INFO);
    assertEquals(pdo.sddlLocation(), v.location());
  }

  @Test
  void rawPdoAndPdoCoveredByClassSecurityAreNotInf3() {
    DeviceObject raw = object("pdo0", DeviceObjectKind.PDO, "child", 0, true, CreationRoutine.IoCreateDeviceSecure,
        "D:P(A;;GA;;;SY)", 0);
    assertEquals(List.of(), findings(pkg(DriverRole.BUS, List.of(raw), null), "INF-3"));
    // created with the class GUID of the class the INF installs: the class ACL overrides the creation SDDL (M-1)
    DeviceObject pdo = new DeviceObject("pkg", "pdo0", DeviceObjectKind.PDO, "child", 0, false, null,
        CreationRoutine.IoCreateDeviceSecure, "D:P(A;;GA;;;SY)", "{b85b7c50-6a01-11d2-b841-00c04fad5171}", 0, List.of(),
        false, false, false, MANIFEST, MANIFEST);
    DeviceObject busFdo = object("fdo0", DeviceObjectKind.FDO, "bus", 0, false, CreationRoutine.IoCreateDevice, null, 0);
    DriverPackage covered = pkg(DriverRole.BUS, List.of(busFdo, pdo), List.of(
        reg(RegistryKeyKind.CLASS, "ClassInstall32", "Security", "", "D:P(A;;GA;;;SY)(A;;GA;;;BA)", true, 20),
        reg(RegistryKeyKind.CLASS, "ClassInstall32", "DeviceCharacteristics", "0x10001", "0x100", false, 21)));
    covered = covered.withInf(INF, covered.infValues(), "{B85B7C50-6A01-11D2-B841-00C04FAD5171}");
    assertEquals(List.of(), findings(covered, "INF-3"));
    // an INF of another class writes another class key, which never reaches this PDO
    DriverPackage otherClass = covered.withInf(INF, covered.infValues(), "{4d36e97d-e325-11ce-bfc1-08002be10318}");
    only(findings(otherClass, "INF-3"), "SecurityOnlyInCode", "pdo0", Severity.INFO);
  }

  // ------------------------------------------------------------------ INF-4

  @Test
  void writeGrantToEveryoneIsAWarning() {
    // serial.inx: HKR,,Security,,"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)"
    Violation v = only(findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)")), "INF-4"),
        "InfGrantsWriteToBroadPrincipal", "Dev.AddReg/Security", Severity.WARNING);
    assertEquals(SourceLocation.of(INF, 40), v.location());
    assertTrue(v.message().contains("`WD` (Everyone)") && v.message().contains("FILE_WRITE_DATA"), v.message());
  }

  @Test
  void adminAndSystemOnlyIsNotInf4() {
    assertEquals(List.of(), findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)")), "INF-4"));
    assertEquals(List.of(), findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;LS)")), "INF-4"));
  }

  @Test
  void restrictedCodeIsNotABroadPrincipal() {
    assertEquals(List.of(), findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;RC)")), "INF-4"));
    Violation v = only(findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;RC)(A;;GRGW;;;WD)")), "INF-4"),
        "InfGrantsWriteToBroadPrincipal", "Dev.AddReg/Security", Severity.WARNING);
    assertTrue(v.message().contains("`WD` (Everyone)"), v.message());
  }

  @Test
  void readOnlyGrantToABroadPrincipalIsInfo() {
    Violation v = only(findings(bareInf(security("D:P(A;;GA;;;SY)(A;;GR;;;AU)")), "INF-4"),
        "InfGrantsReadToBroadPrincipal", "Dev.AddReg/Security", Severity.INFO);
    assertTrue(v.message().contains("`AU` (Authenticated Users)"), v.message());
  }

  @Test
  void oneFindingPerPrincipalAndLine() {
    // simbatt.inx: generic all to authenticated users and to all app containers
    List<Violation> vs = findings(bareInf(security("D:P(A;;GA;;;AU)(A;;GA;;;S-1-15-2-1)")), "INF-4");
    assertEquals(List.of("InfGrantsWriteToBroadPrincipal", "InfGrantsWriteToBroadPrincipal"),
        vs.stream().map(Violation::ruleId).toList());
    assertTrue(vs.stream().anyMatch(v -> v.message().contains("`AC` (All Application Packages)")), vs.toString());
    // two ACEs for one principal, and the line reached from two install sections
    InfRegistryValue a = reg(RegistryKeyKind.HW, "A.NT.HW", "Security", "", "D:P(A;;GR;;;WD)(A;;GW;;;WD)", true, 40);
    InfRegistryValue b = reg(RegistryKeyKind.HW, "B.NT.HW", "Security", "", "D:P(A;;GR;;;WD)(A;;GW;;;WD)", true, 40);
    only(findings(bareInf(a, b), "INF-4"), "InfGrantsWriteToBroadPrincipal", "Dev.AddReg/Security", Severity.WARNING);
  }

  @Test
  void softwareKeySecurityIsNotADeviceAcl() {
    InfRegistryValue sw = reg(RegistryKeyKind.SOFTWARE, "Dev.NT", "Security", "", "D:P(A;;GA;;;WD)", true, 30);
    assertEquals(List.of(), findings(bareInf(sw), "INF-4"));
  }
}
