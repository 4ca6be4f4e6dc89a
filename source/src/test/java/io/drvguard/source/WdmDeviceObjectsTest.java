package io.drvguard.source;

import static io.drvguard.source.ScanSupport.assertAt;
import static io.drvguard.source.ScanSupport.device;
import static io.drvguard.source.ScanSupport.oneUnresolved;
import static io.drvguard.source.ScanSupport.onlyDevice;
import static io.drvguard.source.ScanSupport.scan;
import static io.drvguard.source.ScanSupport.scanOne;
import static io.drvguard.source.ScanSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.CreationRoutine;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.Unresolved;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WdmDeviceObjectsTest {
  @TempDir Path dir;

  /** A legacy driver: IoCreateDevice on line 8; characteristics and exclusive filled in per test. */
  private static final String LEGACY = """
      #include <ntddk.h>
      DRIVER_INITIALIZE DriverEntry;
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          UNICODE_STRING name;
          PDEVICE_OBJECT DeviceObject = NULL;
          RtlInitUnicodeString(&name, L"\\\\Device\\\\Legacy0");
          return IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN,
                                %s, %s, &DeviceObject);
      }
      """;

  @Test
  void legacyDriverWithSecureOpen() {
    write(dir, "legacy.c", LEGACY.formatted("FILE_DEVICE_SECURE_OPEN", "FALSE"));
    SourceScanner.Result r = scan(dir);
    ScannedDriver sd = ScanSupport.only(r);
    assertEquals("wdm", sd.framework());
    assertEquals(".", sd.rel());
    DriverPackage p = sd.pkg();
    assertEquals(DriverRole.LEGACY, p.driver().role());
    DeviceObject d = onlyDevice(p);
    assertEquals("DeviceObject", d.id());
    assertEquals(DeviceObjectKind.LEGACY, d.kind());
    assertEquals("\\Device\\Legacy0", d.name());
    assertTrue(d.named());
    assertEquals(CreationRoutine.IoCreateDevice, d.createdWith());
    assertNull(d.sddl());
    assertNull(d.classGuid());
    assertEquals(0x100, d.characteristics());
    assertEquals(List.of("FILE_DEVICE_SECURE_OPEN"), d.characteristicNames());
    assertTrue(d.hasCharacteristic(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN));
    assertFalse(d.exclusive());
    assertFalse(d.rawMode());
    assertFalse(d.hasVpb());
    assertEquals(0x22, d.deviceType());
    assertAt("legacy.c", 8, d.location());
    assertEquals(List.of(), p.unresolved());
  }

  @Test
  void legacyDriverWithoutSecureOpenAndExclusive() {
    write(dir, "legacy.c", LEGACY.formatted("0", "TRUE"));
    DeviceObject d = onlyDevice(scanOne(dir));
    assertEquals(0, d.characteristics());
    assertEquals(List.of(), d.characteristicNames());
    assertFalse(d.hasCharacteristic(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN));
    assertTrue(d.exclusive());
  }

  @Test
  void combinedCharacteristicsInHeaderOrder() {
    write(dir, "legacy.c", LEGACY.formatted("FILE_DEVICE_SECURE_OPEN | FILE_READ_ONLY_DEVICE", "FALSE"));
    DeviceObject d = onlyDevice(scanOne(dir));
    assertEquals(0x102, d.characteristics());
    assertEquals(List.of("FILE_READ_ONLY_DEVICE", "FILE_DEVICE_SECURE_OPEN"), d.characteristicNames());
  }

  @Test
  void unresolvedCharacteristicsCountAsNoneAndAreRecorded() {
    write(dir, "legacy.c", "ULONG g_Chars;\n" + LEGACY.formatted("g_Chars", "FALSE"));
    DriverPackage p = scanOne(dir);
    DeviceObject d = onlyDevice(p);
    assertEquals(0, d.characteristics());
    Unresolved u = oneUnresolved(p, "DeviceObject", "characteristics");
    assertEquals("g_Chars", u.expression());
    assertTrue(u.why().contains("taken as none set"), u.why());
    assertAt("legacy.c", 10, u.location());
  }

  private static final String SECURE = """
      #include <ntddk.h>
      #include <wdmsec.h>
      DEFINE_GUID(GUID_DEVCLASS_MYCLASS, 0x12345678, 0x9abc, 0xdef0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          UNICODE_STRING name;
          PDEVICE_OBJECT DeviceObject = NULL;
          %s
          RtlInitUnicodeString(&name, L"\\\\Device\\\\Secure0");
          return IoCreateDeviceSecure(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN,
                                      FILE_DEVICE_SECURE_OPEN, FALSE,
                                      %s,
                                      %s,
                                      &DeviceObject);
      }
      """;

  @Test
  void secureDeviceWithWdkSddlAndDefinedClassGuid() {
    write(dir, "secure.c", SECURE.formatted("", "&SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R", "(LPCGUID)&GUID_DEVCLASS_MYCLASS"));
    DriverPackage p = scanOne(dir);
    DeviceObject d = onlyDevice(p);
    assertEquals(CreationRoutine.IoCreateDeviceSecure, d.createdWith());
    assertTrue(d.createdSecure());
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)", d.sddl());
    assertEquals("{12345678-9abc-def0-0123-456789abcdef}", d.classGuid());
    assertEquals("\\Device\\Secure0", d.name());
    assertAt("secure.c", 10, d.location());
    assertAt("secure.c", 12, d.sddlLocation());
    assertEquals(List.of(), p.unresolved());
    assertFalse(p.sddlUnresolved("DeviceObject"));
  }

  @Test
  void sddlFromVariableTheScanCannotFollowIsUnresolved() {
    write(dir, "secure.c", SECURE.formatted("PCUNICODE_STRING sddl = LookupSddl(RegistryPath);", "sddl", "NULL"));
    DriverPackage p = scanOne(dir);
    DeviceObject d = onlyDevice(p);
    assertNull(d.sddl());
    assertNull(d.classGuid());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, d.createdWith());
    Unresolved u = oneUnresolved(p, "DeviceObject", Unresolved.SDDL);
    assertTrue(u.sddl());
    assertEquals("sddl", u.expression());
    assertAt("secure.c", 12, u.location());
    assertTrue(p.sddlUnresolved("DeviceObject"));
  }

  private static final String PNP = """
      #include <ntddk.h>
      DRIVER_ADD_DEVICE FooAddDevice;
      NTSTATUS FooAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
      {
          PDEVICE_OBJECT Fdo = NULL;
          NTSTATUS status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN,
                                           FILE_DEVICE_SECURE_OPEN, FALSE, &Fdo);
          if (NT_SUCCESS(status)) {
              IoAttachDeviceToDeviceStack(Fdo, Pdo);
              %s
          }
          return status;
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          UNICODE_STRING ctlName;
          PDEVICE_OBJECT ControlDevice;
          DriverObject->DriverExtension->AddDevice = FooAddDevice;
          RtlInitUnicodeString(&ctlName, L"\\\\Device\\\\FooControl");
          return IoCreateDevice(DriverObject, 0, &ctlName, FILE_DEVICE_UNKNOWN,
                                FILE_DEVICE_SECURE_OPEN, FALSE, &ControlDevice);
      }
      """;

  @Test
  void pnpFunctionDriverHasFdoAndControlObject() {
    write(dir, "foo.c", PNP.formatted(""));
    DriverPackage p = scanOne(dir);
    assertEquals(DriverRole.FUNCTION, p.driver().role());
    assertEquals(2, p.deviceObjects().size(), p.deviceObjects().toString());
    DeviceObject fdo = device(p, "Fdo");
    assertEquals(DeviceObjectKind.FDO, fdo.kind());
    assertNull(fdo.name());
    assertFalse(fdo.named());
    assertFalse(fdo.copiesLowerCharacteristics());
    assertAt("foo.c", 6, fdo.location());
    DeviceObject cdo = device(p, "ControlDevice");
    assertEquals(DeviceObjectKind.CONTROL, cdo.kind());
    assertEquals("\\Device\\FooControl", cdo.name());
    assertAt("foo.c", 20, cdo.location());
  }

  @Test
  void filterDriverByDirectoryNameCopiesLowerCharacteristics() {
    write(dir, "kbdfilter/foo.c", PNP.formatted("Fdo->Characteristics |= Pdo->Characteristics & FILE_REMOVABLE_MEDIA;"));
    ScannedDriver sd = ScanSupport.only(scan(dir));
    assertEquals("kbdfilter", sd.rel());
    assertEquals(DriverRole.FILTER, sd.pkg().driver().role());
    DeviceObject fdo = device(sd.pkg(), "Fdo");
    assertEquals(DeviceObjectKind.FILTER, fdo.kind());
    assertTrue(fdo.copiesLowerCharacteristics());
  }

  @Test
  void filterDriverThatDoesNotCopyLowerCharacteristics() {
    write(dir, "kbdfilter/foo.c", PNP.formatted(""));
    DeviceObject fdo = device(ScanSupport.only(scan(dir)).pkg(), "Fdo");
    assertEquals(DeviceObjectKind.FILTER, fdo.kind());
    assertFalse(fdo.copiesLowerCharacteristics());
  }

  @Test
  void filterDriverScannedAtItsOwnDirectory() {
    // the scan argument is the filter's directory itself: its name still says "filter"
    Path filterDir = dir.resolve("kbdfilter");
    write(filterDir, "foo.c", PNP.formatted(""));
    DriverPackage p = scanOne(filterDir);
    assertEquals(DriverRole.FILTER, p.driver().role());
    assertEquals(DeviceObjectKind.FILTER, device(p, "Fdo").kind());
  }

  private static final String BUS = """
      #include <ntddk.h>
      typedef struct _FDO_EXT { PDEVICE_OBJECT ChildPdo; PDEVICE_OBJECT Lower; } FDO_EXT, *PFDO_EXT;
      static NTSTATUS BusCreateChild(PDEVICE_OBJECT Fdo, PFDO_EXT ext)
      {
          return IoCreateDevice(Fdo->DriverObject, 0, NULL, FILE_DEVICE_BUS_EXTENDER,
                                FILE_AUTOGENERATED_DEVICE_NAME, FALSE, &ext->ChildPdo);
      }
      NTSTATUS BusPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
          PFDO_EXT ext = DeviceObject->DeviceExtension;
          if (stack->MinorFunction == IRP_MN_QUERY_DEVICE_RELATIONS
              && stack->Parameters.QueryDeviceRelations.Type == BusRelations) {
              BusCreateChild(DeviceObject, ext);
          }
          if (stack->MinorFunction == IRP_MN_QUERY_CAPABILITIES) {
              stack->Parameters.DeviceCapabilities.Capabilities->RawDeviceOK = TRUE;
          }
          IoSkipCurrentIrpStackLocation(Irp);
          return IoCallDriver(ext->Lower, Irp);
      }
      NTSTATUS BusAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
      {
          PDEVICE_OBJECT fdo;
          NTSTATUS status = IoCreateDevice(DriverObject, sizeof(FDO_EXT), NULL, FILE_DEVICE_BUS_EXTENDER,
                                           FILE_DEVICE_SECURE_OPEN, FALSE, &fdo);
          IoAttachDeviceToDeviceStack(fdo, Pdo);
          return status;
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          DriverObject->MajorFunction[IRP_MJ_PNP] = BusPnp;
          DriverObject->DriverExtension->AddDevice = BusAddDevice;
          return STATUS_SUCCESS;
      }
      """;

  @Test
  void busDriverCreatesChildPdoFromItsPnpDispatch() {
    write(dir, "bus.c", BUS);
    DriverPackage p = scanOne(dir);
    assertEquals(DeviceObjectKind.FDO, device(p, "fdo").kind());
    DeviceObject pdo = device(p, "ChildPdo");
    assertEquals(DeviceObjectKind.PDO, pdo.kind(), "a child created under BusRelations, from the PnP dispatch routine");
    assertTrue(pdo.rawMode());
    assertEquals(DeviceCharacteristics.FILE_AUTOGENERATED_DEVICE_NAME, pdo.characteristics());
    assertEquals(0x2A, pdo.deviceType());
    assertEquals(DriverRole.BUS, p.driver().role());
  }

  private static final String FS = """
      #include <ntifs.h>
      PDEVICE_OBJECT g_Cdo;
      NTSTATUS FsMountVolume(PDEVICE_OBJECT TargetDevice, PDRIVER_OBJECT DriverObject)
      {
          PDEVICE_OBJECT VolumeDevice;
          return IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_DISK_FILE_SYSTEM,
                                0, FALSE, &VolumeDevice);
      }
      NTSTATUS FsFsctl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
          if (stack->MinorFunction == IRP_MN_MOUNT_VOLUME) {
              return FsMountVolume(stack->Parameters.MountVolume.DeviceObject, DeviceObject->DriverObject);
          }
          return STATUS_INVALID_DEVICE_REQUEST;
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          UNICODE_STRING name;
          NTSTATUS status;
          RtlInitUnicodeString(&name, L"\\\\FileSystem\\\\MyFs");
          status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_DISK_FILE_SYSTEM,
                                  FILE_DEVICE_SECURE_OPEN, FALSE, &g_Cdo);
          DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = FsFsctl;
          IoRegisterFileSystem(g_Cdo);
          return status;
      }
      """;

  @Test
  void fileSystemControlObjectFromDriverEntry() {
    write(dir, "fs.c", FS);
    DriverPackage p = scanOne(dir);
    assertEquals(DriverRole.FILESYSTEM, p.driver().role());
    DeviceObject cdo = device(p, "g_Cdo");
    assertEquals(DeviceObjectKind.CONTROL, cdo.kind());
    assertEquals("\\FileSystem\\MyFs", cdo.name());
    assertFalse(cdo.hasVpb());
  }

  @Test
  void fileSystemVolumeObjectFromMountHandler() {
    write(dir, "fs.c", FS);
    DeviceObject vdo = device(scanOne(dir), "VolumeDevice");
    assertEquals(DeviceObjectKind.VOLUME, vdo.kind(), "created on IRP_MN_MOUNT_VOLUME, not in DriverEntry");
    assertTrue(vdo.hasVpb());
  }

  @Test
  void sameVariableInTwoCallsGetsDistinctIds() {
    write(dir, "two.c", """
        #include <ntddk.h>
        static NTSTATUS MakeSecond(PDRIVER_OBJECT DriverObject)
        {
            PDEVICE_OBJECT DeviceObject;
            return IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &DeviceObject);
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            PDEVICE_OBJECT DeviceObject;
            IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &DeviceObject);
            return MakeSecond(DriverObject);
        }
        """);
    DriverPackage p = scanOne(dir);
    assertEquals(List.of("DeviceObject", "DeviceObject2"), p.deviceObjects().stream().map(DeviceObject::id).toList());
    assertAt("two.c", 5, device(p, "DeviceObject").location());
    assertAt("two.c", 10, device(p, "DeviceObject2").location());
  }

  @Test
  void nameBuiltAtRunTimeIsUnresolved() {
    write(dir, "rt.c", """
        #include <ntddk.h>
        #include <ntstrsafe.h>
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            WCHAR buffer[64];
            UNICODE_STRING name;
            PDEVICE_OBJECT DeviceObject;
            RtlInitEmptyUnicodeString(&name, buffer, sizeof(buffer));
            RtlUnicodeStringPrintf(&name, L"\\\\Device\\\\Rt%u", 3);
            return IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &DeviceObject);
        }
        """);
    DriverPackage p = scanOne(dir);
    DeviceObject d = onlyDevice(p);
    assertEquals("<unresolved: &name>", d.name());
    Unresolved u = oneUnresolved(p, "DeviceObject", "name");
    assertEquals("&name", u.expression());
    assertTrue(u.why().contains("RtlUnicodeStringPrintf"), u.why());
    assertAt("rt.c", 10, u.location());
  }
}
