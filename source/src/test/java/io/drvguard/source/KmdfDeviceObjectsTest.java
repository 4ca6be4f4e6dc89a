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

class KmdfDeviceObjectsTest {
  @TempDir Path dir;

  /** A KMDF function driver; the %s on line 9 sets up the WDFDEVICE_INIT; WdfDeviceCreate on line 10. */
  private static final String FDO = """
      #include <ntddk.h>
      #include <wdf.h>
      EVT_WDF_DRIVER_DEVICE_ADD KmEvtDeviceAdd;
      NTSTATUS KmEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
      {
          WDF_OBJECT_ATTRIBUTES attributes;
          WDFDEVICE device;
          WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
          %s
          return WdfDeviceCreate(&DeviceInit, &attributes, &device);
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          WDF_DRIVER_CONFIG config;
          WDF_DRIVER_CONFIG_INIT(&config, KmEvtDeviceAdd);
          return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
      }
      """;

  @Test
  void unnamedFdoGetsSecureOpenFromTheFramework() {
    write(dir, "km.c", FDO.formatted(""));
    ScannedDriver sd = ScanSupport.only(scan(dir));
    assertEquals("kmdf", sd.framework());
    DriverPackage p = sd.pkg();
    assertEquals(DriverRole.FUNCTION, p.driver().role());
    DeviceObject d = onlyDevice(p);
    assertEquals("device", d.id());
    assertEquals(DeviceObjectKind.FDO, d.kind());
    assertNull(d.name());
    assertNull(d.sddl());
    assertEquals(CreationRoutine.IoCreateDevice, d.createdWith());
    assertEquals(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN, d.characteristics());
    assertEquals(List.of("FILE_DEVICE_SECURE_OPEN"), d.characteristicNames());
    assertFalse(d.exclusive());
    assertFalse(d.copiesLowerCharacteristics());
    assertAt("km.c", 10, d.location());
    assertEquals(List.of(), p.unresolved());
  }

  @Test
  void namedFdoWithoutSddlGetsFrameworkDefault() {
    write(dir, "km.c", FDO.formatted(
        "DECLARE_CONST_UNICODE_STRING(devName, L\"\\\\Device\\\\KmNamed\"); WdfDeviceInitAssignName(DeviceInit, &devName);"));
    DriverPackage p = scanOne(dir);
    DeviceObject d = onlyDevice(p);
    assertEquals("\\Device\\KmNamed", d.name());
    assertEquals("D:P(A;;GA;;;SY)(A;;GA;;;BA)", d.sddl());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, d.createdWith());
    assertEquals(List.of(), p.unresolved());
  }

  @Test
  void namedFdoWithAssignedSddl() {
    write(dir, "km.c", FDO.formatted(
        "DECLARE_CONST_UNICODE_STRING(devName, L\"\\\\Device\\\\KmNamed\"); WdfDeviceInitAssignName(DeviceInit, &devName);"
            + " WdfDeviceInitAssignSDDLString(DeviceInit, &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R);"));
    DeviceObject d = onlyDevice(scanOne(dir));
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGW;;;WD)(A;;GR;;;RC)", d.sddl());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, d.createdWith());
    assertAt("km.c", 9, d.sddlLocation());
  }

  @Test
  void sddlFromVariableTheScanCannotFollowIsUnresolved() {
    write(dir, "km.c", "extern PCUNICODE_STRING g_Sddl;\n" + FDO.formatted(
        "PCUNICODE_STRING s = g_Sddl; WdfDeviceInitAssignSDDLString(DeviceInit, s);"));
    DriverPackage p = scanOne(dir);
    DeviceObject d = onlyDevice(p);
    assertNull(d.sddl());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, d.createdWith());
    Unresolved u = oneUnresolved(p, "device", Unresolved.SDDL);
    assertEquals("s", u.expression());
    assertAt("km.c", 10, u.location());
    assertTrue(p.sddlUnresolved("device"));
  }

  @Test
  void exclusiveCharacteristicsAndDeviceType() {
    write(dir, "km.c", FDO.formatted("WdfDeviceInitSetExclusive(DeviceInit, TRUE);"
        + " WdfDeviceInitSetCharacteristics(DeviceInit, FILE_REMOVABLE_MEDIA, TRUE);"
        + " WdfDeviceInitSetDeviceType(DeviceInit, FILE_DEVICE_DISK);"));
    DeviceObject d = onlyDevice(scanOne(dir));
    assertTrue(d.exclusive());
    assertEquals(0x101, d.characteristics());
    assertEquals(List.of("FILE_REMOVABLE_MEDIA", "FILE_DEVICE_SECURE_OPEN"), d.characteristicNames());
    assertEquals(0x07, d.deviceType());
  }

  @Test
  void notExclusiveWhenSetFalse() {
    write(dir, "km.c", FDO.formatted("WdfDeviceInitSetExclusive(DeviceInit, FALSE);"));
    assertFalse(onlyDevice(scanOne(dir)).exclusive());
  }

  @Test
  void filterDoTakesLowerCharacteristicsAndHasNoSecureOpenOfItsOwn() {
    write(dir, "km.c", FDO.formatted("WdfFdoInitSetFilter(DeviceInit);"));
    DriverPackage p = scanOne(dir);
    assertEquals(DriverRole.FILTER, p.driver().role());
    DeviceObject d = onlyDevice(p);
    assertEquals(DeviceObjectKind.FILTER, d.kind());
    assertEquals(0, d.characteristics());
    assertTrue(d.copiesLowerCharacteristics());
  }

  @Test
  void settingsInAHelperCalledFromDeviceAddAreFound() {
    write(dir, "km.c", """
        #include <wdf.h>
        static NTSTATUS KmCreate(PWDFDEVICE_INIT DeviceInit)
        {
            WDFDEVICE hDevice;
            return WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &hDevice);
        }
        NTSTATUS KmEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
        {
            WdfDeviceInitAssignSDDLString(DeviceInit, &SDDL_DEVOBJ_SYS_ALL);
            return KmCreate(DeviceInit);
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            WDF_DRIVER_CONFIG config;
            WDF_DRIVER_CONFIG_INIT(&config, KmEvtDeviceAdd);
            return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
        }
        """);
    DeviceObject d = onlyDevice(scanOne(dir));
    assertEquals("hDevice", d.id());
    assertEquals("D:P(A;;GA;;;SY)", d.sddl());
    assertAt("km.c", 5, d.location());
    assertAt("km.c", 9, d.sddlLocation());
  }

  private static final String CONTROL = """
      #include <wdf.h>
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          WDF_DRIVER_CONFIG config;
          WDFDRIVER driver;
          PWDFDEVICE_INIT init;
          WDFDEVICE controlDevice;
          DECLARE_CONST_UNICODE_STRING(ctlName, L"\\\\Device\\\\KmCtl");
          WDF_DRIVER_CONFIG_INIT(&config, %s);
          %s
          WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
          init = WdfControlDeviceInitAllocate(driver, &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R);
          WdfDeviceInitAssignName(init, &ctlName);
          return WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &controlDevice);
      }
      NTSTATUS KmAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit) { return STATUS_SUCCESS; }
      """;

  @Test
  void controlDeviceOfANonPnpDriverIsLegacy() {
    write(dir, "ctl.c", CONTROL.formatted("WDF_NO_EVENT_CALLBACK", "config.DriverInitFlags |= WdfDriverInitNonPnpDriver;"));
    DriverPackage p = scanOne(dir);
    assertEquals(DriverRole.LEGACY, p.driver().role());
    DeviceObject d = onlyDevice(p);
    assertEquals("controlDevice", d.id());
    assertEquals(DeviceObjectKind.LEGACY, d.kind());
    assertEquals("\\Device\\KmCtl", d.name());
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)", d.sddl());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, d.createdWith());
    assertTrue(d.hasCharacteristic(DeviceCharacteristics.FILE_DEVICE_SECURE_OPEN));
    assertAt("ctl.c", 12, d.sddlLocation());
    assertAt("ctl.c", 14, d.location());
  }

  @Test
  void controlDeviceOfAPnpDriverIsControl() {
    write(dir, "ctl.c", CONTROL.formatted("KmAdd", ""));
    DriverPackage p = scanOne(dir);
    assertEquals(DriverRole.FUNCTION, p.driver().role());
    assertEquals(DeviceObjectKind.CONTROL, device(p, "controlDevice").kind());
  }

  private static final String PDO = """
      #include <wdf.h>
      DEFINE_GUID(GUID_KM_RAW_CLASS, 0xa1b2c3d4, 0x1111, 0x2222, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0x00);
      NTSTATUS KmCreatePdo(WDFDEVICE Parent)
      {
          PWDFDEVICE_INIT pInit;
          WDFDEVICE child;
          DECLARE_CONST_UNICODE_STRING(pdoName, L"\\\\Device\\\\KmChild");
          pInit = WdfPdoInitAllocate(Parent);
          %s
          WdfDeviceInitAssignName(pInit, &pdoName);
          return WdfDeviceCreate(&pInit, WDF_NO_OBJECT_ATTRIBUTES, &child);
      }
      NTSTATUS KmEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
      {
          WDFDEVICE fdo;
          NTSTATUS status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &fdo);
          return KmCreatePdo(fdo);
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          WDF_DRIVER_CONFIG config;
          WDF_DRIVER_CONFIG_INIT(&config, KmEvtDeviceAdd);
          return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
      }
      """;

  @Test
  void nonRawPdoWithoutSddlLosesItsName() {
    write(dir, "bus.c", PDO.formatted(""));
    DriverPackage p = scanOne(dir);
    assertEquals(DriverRole.BUS, p.driver().role());
    DeviceObject pdo = device(p, "child");
    assertEquals(DeviceObjectKind.PDO, pdo.kind());
    assertFalse(pdo.rawMode());
    assertNull(pdo.name());
    assertNull(pdo.sddl());
    assertEquals(0x180, pdo.characteristics());
    assertEquals(List.of("FILE_AUTOGENERATED_DEVICE_NAME", "FILE_DEVICE_SECURE_OPEN"), pdo.characteristicNames());
    assertEquals(DeviceObjectKind.FDO, device(p, "fdo").kind());
  }

  @Test
  void rawPdoGetsDefaultSddlAndItsClassGuid() {
    write(dir, "bus.c", PDO.formatted("WdfPdoInitAssignRawDevice(pInit, &GUID_KM_RAW_CLASS);"));
    DeviceObject pdo = device(scanOne(dir), "child");
    assertEquals(DeviceObjectKind.PDO, pdo.kind());
    assertTrue(pdo.rawMode());
    assertEquals("\\Device\\KmChild", pdo.name());
    assertEquals("D:P(A;;GA;;;SY)(A;;GA;;;BA)", pdo.sddl());
    assertEquals("{a1b2c3d4-1111-2222-3344-556677889900}", pdo.classGuid());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, pdo.createdWith());
  }

  @Test
  void controlDeviceCreatedInAHelperDoesNotTakeTheFdoSettings() {
    write(dir, "km.c", """
        #include <wdf.h>
        static NTSTATUS KmCreateControl(WDFDEVICE Fdo)
        {
            PWDFDEVICE_INIT ctlInit;
            WDFDEVICE ctlDevice;
            DECLARE_CONST_UNICODE_STRING(ctlName, L"\\\\Device\\\\KmSideband");
            ctlInit = WdfControlDeviceInitAllocate(WdfDeviceGetDriver(Fdo), &SDDL_DEVOBJ_SYS_ALL_ADM_ALL);
            WdfDeviceInitAssignName(ctlInit, &ctlName);
            return WdfDeviceCreate(&ctlInit, WDF_NO_OBJECT_ATTRIBUTES, &ctlDevice);
        }
        NTSTATUS KmEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
        {
            WDFDEVICE fdo;
            NTSTATUS status;
            DECLARE_CONST_UNICODE_STRING(fdoName, L"\\\\Device\\\\KmFdo");
            WdfDeviceInitAssignName(DeviceInit, &fdoName);
            WdfDeviceInitAssignSDDLString(DeviceInit, &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX);
            WdfDeviceInitSetExclusive(DeviceInit, TRUE);
            status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &fdo);
            return KmCreateControl(fdo);
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            WDF_DRIVER_CONFIG config;
            WDF_DRIVER_CONFIG_INIT(&config, KmEvtDeviceAdd);
            return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
        }
        """);
    DriverPackage p = scanOne(dir);
    DeviceObject fdo = device(p, "fdo");
    assertEquals(DeviceObjectKind.FDO, fdo.kind());
    assertEquals("\\Device\\KmFdo", fdo.name());
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)", fdo.sddl());
    assertTrue(fdo.exclusive());
    DeviceObject ctl = device(p, "ctlDevice");
    assertEquals(DeviceObjectKind.CONTROL, ctl.kind());
    assertEquals("\\Device\\KmSideband", ctl.name());
    assertEquals("D:P(A;;GA;;;SY)(A;;GA;;;BA)", ctl.sddl(), "the SDDL given to WdfControlDeviceInitAllocate");
    assertAt("km.c", 7, ctl.sddlLocation());
    assertFalse(ctl.exclusive(), "WdfDeviceInitSetExclusive was called on the FDO's init, not the control device's");
  }
}
