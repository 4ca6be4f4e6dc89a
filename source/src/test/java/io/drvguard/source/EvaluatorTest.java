package io.drvguard.source;

import static io.drvguard.source.ScanSupport.assertAt;
import static io.drvguard.source.ScanSupport.device;
import static io.drvguard.source.ScanSupport.oneUnresolved;
import static io.drvguard.source.ScanSupport.onlyDevice;
import static io.drvguard.source.ScanSupport.scanOne;
import static io.drvguard.source.ScanSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.Unresolved;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator, seen through what a scan makes of IoCreateDeviceSecure's arguments. */
class EvaluatorTest {
  @TempDir Path dir;

  private static final String TEMPLATE = """
      #include <ntddk.h>
      #include <wdmsec.h>
      %s
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          UNICODE_STRING name;
          PDEVICE_OBJECT DeviceObject;
          %s
          return IoCreateDeviceSecure(DriverObject, 0, %s, %s, %s, FALSE, %s, %s, &DeviceObject);
      }
      """;

  private DriverPackage scanDevice(String prelude, String body, String nameArg, String type, String chars,
      String sddl, String guid) {
    write(dir, "ev.c", TEMPLATE.formatted(prelude, body, nameArg, type, chars, sddl, guid));
    return scanOne(dir);
  }

  private DeviceObject named(String prelude, String body, String nameArg) {
    DriverPackage p = scanDevice(prelude, body, nameArg, "FILE_DEVICE_UNKNOWN", "0", "&SDDL_DEVOBJ_KERNEL_ONLY", "NULL");
    assertEquals(List.of(), p.unresolved());
    return onlyDevice(p);
  }

  private DeviceObject secured(String prelude, String body, String sddl) {
    DriverPackage p = scanDevice(prelude, body, "NULL", "FILE_DEVICE_UNKNOWN", "0", sddl, "NULL");
    assertEquals(List.of(), p.unresolved());
    return onlyDevice(p);
  }

  @Test
  void stringMacro() {
    DeviceObject d = named("#define EV_NAME L\"\\\\Device\\\\EvMacro\"",
        "RtlInitUnicodeString(&name, EV_NAME);", "&name");
    assertEquals("\\Device\\EvMacro", d.name());
  }

  @Test
  void stringMacroBuiltFromAnotherMacro() {
    DeviceObject d = named("#define EV_PREFIX L\"\\\\Device\\\\\"\n#define EV_NAME EV_PREFIX L\"EvJoined\"",
        "RtlInitUnicodeString(&name, EV_NAME);", "&name");
    assertEquals("\\Device\\EvJoined", d.name());
  }

  @Test
  void adjacentWideLiteralsAreJoined() {
    DeviceObject d = named("", "RtlInitUnicodeString(&name, L\"\\\\Device\\\\\" L\"EvAdjacent\");", "&name");
    assertEquals("\\Device\\EvAdjacent", d.name());
  }

  @Test
  void escapesInWideLiteral() {
    DeviceObject d = named("", "RtlInitUnicodeString(&name, L\"\\\\Device\\\\Ev\\x41q\\\"z\\\"\");", "&name");
    assertEquals("\\Device\\EvAq\"z\"", d.name());
  }

  @Test
  void declareConstUnicodeStringInFunction() {
    DeviceObject d = named("", "DECLARE_CONST_UNICODE_STRING(dn, L\"\\\\Device\\\\EvDecl\");", "(PUNICODE_STRING)&dn");
    assertEquals("\\Device\\EvDecl", d.name());
  }

  @Test
  void declareConstUnicodeStringAtFileLevel() {
    DeviceObject d = named("DECLARE_CONST_UNICODE_STRING(g_EvName, L\"\\\\Device\\\\EvGlobal\");", "",
        "(PUNICODE_STRING)&g_EvName");
    assertEquals("\\Device\\EvGlobal", d.name());
  }

  @Test
  void rtlConstantStringLocalAndGlobal() {
    assertEquals("\\Device\\EvRcs", named("",
        "UNICODE_STRING rc = RTL_CONSTANT_STRING(L\"\\\\Device\\\\EvRcs\");", "&rc").name());
    assertEquals("\\Device\\EvRcsGlobal", named(
        "static UNICODE_STRING g_rc = RTL_CONSTANT_STRING(L\"\\\\Device\\\\EvRcsGlobal\");", "", "&g_rc").name());
  }

  @Test
  void assignedPointerIsFollowed() {
    DeviceObject d = named("", "PCWSTR p; p = L\"\\\\Device\\\\EvAssign\"; RtlInitUnicodeString(&name, p);", "&name");
    assertEquals("\\Device\\EvAssign", d.name());
  }

  @Test
  void structureFieldIsUnresolved() {
    DriverPackage p = scanDevice("typedef struct _CFG { PCWSTR Path; } CFG; extern CFG *g_Cfg;",
        "RtlInitUnicodeString(&name, g_Cfg->Path);", "&name", "FILE_DEVICE_UNKNOWN", "0", "&SDDL_DEVOBJ_KERNEL_ONLY",
        "NULL");
    DeviceObject d = onlyDevice(p);
    assertTrue(d.name().startsWith("<unresolved:"), d.name());
    Unresolved u = oneUnresolved(p, "DeviceObject", "name");
    assertTrue(u.why().contains("structure field"), u.why());
    assertAt("ev.c", 9, u.location());
  }

  @Test
  void wdkSddlConstants() {
    assertEquals("D:P", secured("", "", "&SDDL_DEVOBJ_KERNEL_ONLY").sddl());
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGX;;;BA)", secured("", "", "&SDDL_DEVOBJ_SYS_ALL_ADM_RX").sddl());
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)",
        secured("", "", "&SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX").sddl());
  }

  @Test
  void driverOwnSddlWithDeclareConstUnicodeString() {
    DeviceObject d = secured("", "DECLARE_CONST_UNICODE_STRING(evSddl, L\"D:P(A;;GA;;;SY)(A;;GRGW;;;WD)\");", "&evSddl");
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGW;;;WD)", d.sddl());
  }

  @Test
  void sddlMacroWithLineContinuation() {
    DeviceObject d = secured("#define EV_SDDL \\\n    L\"D:P(A;;GA;;;SY)\" \\\n    L\"(A;;GR;;;BU)\"",
        "UNICODE_STRING s; RtlInitUnicodeString(&s, EV_SDDL);", "&s");
    assertEquals("D:P(A;;GA;;;SY)(A;;GR;;;BU)", d.sddl());
  }

  @Test
  void unknownSddlIsNeverGuessed() {
    DriverPackage p = scanDevice("", "UNICODE_STRING s; RtlCopyUnicodeString(&s, RegistryPath);", "NULL",
        "FILE_DEVICE_UNKNOWN", "0", "&s", "NULL");
    DeviceObject d = onlyDevice(p);
    assertNull(d.sddl());
    Unresolved u = oneUnresolved(p, "DeviceObject", "sddl");
    assertEquals("&s", u.expression());
    assertTrue(u.why().contains("RtlCopyUnicodeString"), u.why());
  }

  @Test
  void parameterGivenTheSameValueByAllCallers() {
    write(dir, "param.c", """
        #include <ntddk.h>
        #define EV_PATH L"\\\\Device\\\\EvParam"
        static NTSTATUS EvMake(PDRIVER_OBJECT DriverObject, PCWSTR path, PCUNICODE_STRING sddl, PDEVICE_OBJECT *out)
        {
            UNICODE_STRING name;
            RtlInitUnicodeString(&name, path);
            return IoCreateDeviceSecure(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, sddl, NULL, out);
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            PDEVICE_OBJECT a, b;
            EvMake(DriverObject, EV_PATH, &SDDL_DEVOBJ_SYS_ALL, &a);
            return EvMake(DriverObject, L"\\\\Device\\\\EvParam", &SDDL_DEVOBJ_SYS_ALL, &b);
        }
        """);
    DriverPackage p = scanOne(dir);
    DeviceObject d = device(p, "out");
    assertEquals("\\Device\\EvParam", d.name());
    assertEquals("D:P(A;;GA;;;SY)", d.sddl(), "unresolved: " + p.unresolved());
    assertEquals(List.of(), p.unresolved());
  }

  @Test
  void parameterGivenDifferentValuesIsUnresolved() {
    write(dir, "param.c", """
        #include <ntddk.h>
        static NTSTATUS EvMake(PDRIVER_OBJECT DriverObject, PCWSTR path, PCUNICODE_STRING sddl, PDEVICE_OBJECT *out)
        {
            UNICODE_STRING name;
            RtlInitUnicodeString(&name, path);
            return IoCreateDeviceSecure(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, sddl, NULL, out);
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            PDEVICE_OBJECT a, b;
            EvMake(DriverObject, L"\\\\Device\\\\EvOne", &SDDL_DEVOBJ_SYS_ALL, &a);
            return EvMake(DriverObject, L"\\\\Device\\\\EvTwo", &SDDL_DEVOBJ_SYS_ALL_ADM_ALL, &b);
        }
        """);
    DriverPackage p = scanOne(dir);
    DeviceObject d = device(p, "out");
    assertNull(d.sddl());
    assertTrue(d.name().startsWith("<unresolved:"), d.name());
    assertTrue(oneUnresolved(p, "out", "name").why().contains("different values"),
        oneUnresolved(p, "out", "name").why());
    Unresolved s = oneUnresolved(p, "out", "sddl");
    assertEquals("sddl", s.expression());
    assertAt("param.c", 6, s.location());
    assertTrue(p.sddlUnresolved("out"));
  }

  @Test
  void defineGuidInIncludedHeaderWithAndWithoutCast() {
    write(dir, "guids.h", "DEFINE_GUID(GUID_EV_CLASS,\n    0x0badf00d, 0xcafe, 0xbeef, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80);\n");
    DeviceObject cast = onlyDevice(scanDevice("#include \"guids.h\"", "", "NULL", "FILE_DEVICE_UNKNOWN", "0",
        "&SDDL_DEVOBJ_SYS_ALL", "(LPCGUID)&GUID_EV_CLASS"));
    assertEquals("{0badf00d-cafe-beef-1020-304050607080}", cast.classGuid());
    DeviceObject plain = onlyDevice(scanDevice("#include \"guids.h\"", "", "NULL", "FILE_DEVICE_UNKNOWN", "0",
        "&SDDL_DEVOBJ_SYS_ALL", "&GUID_EV_CLASS"));
    assertEquals("{0badf00d-cafe-beef-1020-304050607080}", plain.classGuid());
  }

  @Test
  void integerExpressionsAndMacros() {
    DriverPackage p = scanDevice("#define EV_TYPE (0x8000 + 0x10)\n#define EV_CHARS (FILE_DEVICE_SECURE_OPEN | 0x2)",
        "", "NULL", "EV_TYPE", "(EV_CHARS | FILE_REMOVABLE_MEDIA) & ~FILE_REMOVABLE_MEDIA", "&SDDL_DEVOBJ_SYS_ALL",
        "NULL");
    assertEquals(List.of(), p.unresolved());
    DeviceObject d = onlyDevice(p);
    assertEquals(0x8010, d.deviceType());
    assertEquals(0x102, d.characteristics());
  }

  @Test
  void ctlCodeWrapperWithCharacterLiteralAndShift() {
    write(dir, "w.c", """
        #include <ntddk.h>
        #define EV_DEVICE_TYPE ((ULONG)0x9000)
        #define EV_CTL(i) CTL_CODE(EV_DEVICE_TYPE, 0x900 | ((i) << 1), METHOD_OUT_DIRECT, FILE_READ_DATA)
        #define IOCTL_EV_QUERY EV_CTL(2)
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = NULL;
            return STATUS_SUCCESS;
        }
        """);
    DriverPackage p = scanOne(dir);
    assertEquals(List.of(), p.unresolved());
    // (0x9000 << 16) | (1 << 14) | (0x904 << 2) | 2
    assertEquals("0x90006412", ScanSupport.ioctl(p, "IOCTL_EV_QUERY").code().hex());
  }

  @Test
  void octalAndSimpleEscapesInWideLiteral() {
    // \101 is 'A' (octal), \a is BEL (0x07)
    DeviceObject d = named("", "RtlInitUnicodeString(&name, L\"\\\\Device\\\\Oct\\101\\a\");", "&name");
    assertEquals("\\Device\\OctA\u0007", d.name());
  }
}
