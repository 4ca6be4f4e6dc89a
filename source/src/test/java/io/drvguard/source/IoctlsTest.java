package io.drvguard.source;

import static io.drvguard.source.ScanSupport.assertAt;
import static io.drvguard.source.ScanSupport.ioctl;
import static io.drvguard.source.ScanSupport.oneUnresolved;
import static io.drvguard.source.ScanSupport.scanOne;
import static io.drvguard.source.ScanSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.Unresolved;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoctlsTest {
  @TempDir Path dir;

  private static final String HEADER = """
      #pragma once
      #define IOCTL_DEMO_READ   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
      #define IOCTL_DEMO_WRITE  CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_WRITE_ACCESS)
      #define IOCTL_DEMO_PASS   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_NEITHER, FILE_ANY_ACCESS)
      #define IOCTL_DEMO_ADMIN  CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_BUFFERED, FILE_ANY_ACCESS)
      #define IOCTL_DEMO_INTERNAL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
      #define IOCTL_DEMO_UNUSED CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_IN_DIRECT, FILE_READ_ACCESS)
      """;

  private static final String WDM = """
      #include <ntddk.h>
      #include "demo_ioctl.h"
      typedef struct _EXT { PDEVICE_OBJECT Lower; } EXT, *PEXT;
      static NTSTATUS DemoForward(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PEXT ext = DeviceObject->DeviceExtension;
          IoSkipCurrentIrpStackLocation(Irp);
          return IoCallDriver(ext->Lower, Irp);
      }
      NTSTATUS DemoDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
          NTSTATUS status = STATUS_SUCCESS;
          switch (stack->Parameters.DeviceIoControl.IoControlCode) {
          case IOCTL_DEMO_READ:
              break;
          case IOCTL_DEMO_WRITE:
              status = IoValidateDeviceIoControlAccess(Irp, FILE_WRITE_ACCESS);
              break;
          case IOCTL_DEMO_PASS:
              return DemoForward(DeviceObject, Irp);
          case IOCTL_DEMO_ADMIN:
              if (!SeSinglePrivilegeCheck(RtlConvertLongToLuid(SE_LOAD_DRIVER_PRIVILEGE), Irp->RequestorMode)) {
                  status = STATUS_PRIVILEGE_NOT_HELD;
                  break;
              }
              return DemoForward(DeviceObject, Irp);
          default:
              status = STATUS_INVALID_DEVICE_REQUEST;
          }
          Irp->IoStatus.Status = status;
          IoCompleteRequest(Irp, IO_NO_INCREMENT);
          return status;
      }
      NTSTATUS DemoInternal(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
          if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_DEMO_INTERNAL) {
              return DemoForward(DeviceObject, Irp);
          }
          return STATUS_NOT_SUPPORTED;
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DemoDeviceControl;
          DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = DemoInternal;
          return STATUS_SUCCESS;
      }
      """;

  private DriverPackage wdm() {
    write(dir, "demo_ioctl.h", HEADER);
    write(dir, "demo.c", WDM);
    return scanOne(dir);
  }

  @Test
  void codesAreDecodedFromCtlCode() {
    DriverPackage p = wdm();
    assertEquals(List.of("IOCTL_DEMO_READ", "IOCTL_DEMO_WRITE", "IOCTL_DEMO_PASS", "IOCTL_DEMO_ADMIN",
        "IOCTL_DEMO_INTERNAL", "IOCTL_DEMO_UNUSED"), p.ioctls().stream().map(IoctlDefinition::name).toList());
    assertEquals("0x00222000", ioctl(p, "IOCTL_DEMO_READ").code().hex());
    assertEquals("0x0022a004", ioctl(p, "IOCTL_DEMO_WRITE").code().hex());
    assertEquals("0x0022200b", ioctl(p, "IOCTL_DEMO_PASS").code().hex());
    assertEquals("0x00226405", ioctl(p, "IOCTL_DEMO_UNUSED").code().hex());
    assertTrue(ioctl(p, "IOCTL_DEMO_READ").anyAccess());
    assertFalse(ioctl(p, "IOCTL_DEMO_WRITE").anyAccess());
    assertEquals("CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)",
        ioctl(p, "IOCTL_DEMO_READ").codeText());
    assertAt("demo_ioctl.h", 2, ioctl(p, "IOCTL_DEMO_READ").location());
    assertAt("demo_ioctl.h", 7, ioctl(p, "IOCTL_DEMO_UNUSED").location());
    assertEquals(List.of(), p.unresolved());
  }

  @Test
  void userModeOnlyWhenHandledUnderDeviceControl() {
    DriverPackage p = wdm();
    assertTrue(ioctl(p, "IOCTL_DEMO_READ").userMode());
    assertTrue(ioctl(p, "IOCTL_DEMO_WRITE").userMode());
    assertFalse(ioctl(p, "IOCTL_DEMO_INTERNAL").userMode(), "handled only under IRP_MJ_INTERNAL_DEVICE_CONTROL");
    assertFalse(ioctl(p, "IOCTL_DEMO_UNUSED").userMode(), "handled nowhere");
  }

  @Test
  void validatesAccessOnlyWhereTheCaseCallsIoValidate() {
    DriverPackage p = wdm();
    assertEquals(List.of("FILE_WRITE_ACCESS"), ioctl(p, "IOCTL_DEMO_WRITE").validatesAccess());
    assertTrue(ioctl(p, "IOCTL_DEMO_WRITE").validatesInDriver());
    assertEquals(List.of(), ioctl(p, "IOCTL_DEMO_READ").validatesAccess());
    assertFalse(ioctl(p, "IOCTL_DEMO_READ").validatesInDriver());
  }

  @Test
  void forwardsDownThroughACalledHelper() {
    DriverPackage p = wdm();
    assertTrue(ioctl(p, "IOCTL_DEMO_PASS").forwardsDown());
    assertFalse(ioctl(p, "IOCTL_DEMO_READ").forwardsDown());
    assertFalse(ioctl(p, "IOCTL_DEMO_WRITE").forwardsDown());
  }

  @Test
  void privilegeCheckUnderTheCase() {
    DriverPackage p = wdm();
    IoctlDefinition admin = ioctl(p, "IOCTL_DEMO_ADMIN");
    assertTrue(admin.checksPrivilege());
    assertTrue(admin.forwardsDown());
    assertEquals("SeLoadDriverPrivilege", admin.requiresPrivilege());
    IoctlDefinition pass = ioctl(p, "IOCTL_DEMO_PASS");
    assertFalse(pass.checksPrivilege());
    assertNull(pass.requiresPrivilege());
  }

  @Test
  void privilegeCheckBeforeTheSwitchGuardsEveryCase() {
    write(dir, "p.c", """
        #include <ntddk.h>
        #define IOCTL_GUARDED CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_ANY_ACCESS)
        NTSTATUS GDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
        {
            PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
            if (!SeSinglePrivilegeCheck(RtlConvertLongToLuid(SE_TCB_PRIVILEGE), Irp->RequestorMode)) {
                return STATUS_PRIVILEGE_NOT_HELD;
            }
            switch (stack->Parameters.DeviceIoControl.IoControlCode) {
            case IOCTL_GUARDED:
                IoSkipCurrentIrpStackLocation(Irp);
                return IoCallDriver(DeviceObject, Irp);
            }
            return STATUS_INVALID_DEVICE_REQUEST;
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = GDeviceControl;
            return STATUS_SUCCESS;
        }
        """);
    IoctlDefinition i = ioctl(scanOne(dir), "IOCTL_GUARDED");
    assertTrue(i.userMode());
    assertTrue(i.checksPrivilege());
    assertTrue(i.forwardsDown());
    assertEquals("SeTcbPrivilege", i.requiresPrivilege());
  }

  @Test
  void wrapperMacroAndLineContinuation() {
    write(dir, "inc/vendor.h", """
        #define VENDOR_DEVICE 0x8000
        #define VENDOR_IOCTL(fn, access) \\
            CTL_CODE(VENDOR_DEVICE, 0x800 + (fn), METHOD_NEITHER, access)
        #define IOCTL_VENDOR_RW VENDOR_IOCTL(3, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
        #define IOCTL_VENDOR_CONT \\
            CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, \\
                     METHOD_BUFFERED, FILE_READ_ACCESS)
        """);
    write(dir, "sys/v.c", """
        #include <ntddk.h>
        #include "../inc/vendor.h"
        NTSTATUS VDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
        {
            ULONG code = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode;
            if (code == IOCTL_VENDOR_RW) {
                return IoValidateDeviceIoControlAccess(Irp, FILE_READ_ACCESS | FILE_WRITE_ACCESS);
            }
            return STATUS_INVALID_DEVICE_REQUEST;
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = VDeviceControl;
            return STATUS_SUCCESS;
        }
        """);
    ScannedDriver sd = ScanSupport.only(ScanSupport.scan(dir));
    assertEquals("sys", sd.rel());
    DriverPackage p = sd.pkg();
    IoctlDefinition rw = ioctl(p, "IOCTL_VENDOR_RW");
    assertEquals("0x8000e00f", rw.code().hex());
    assertEquals(0x8000, rw.code().deviceType());
    assertEquals(0x803, rw.code().function());
    assertEquals(3, rw.code().access());
    assertEquals(3, rw.code().method());
    assertTrue(rw.userMode(), "tested with == in the device-control routine");
    assertEquals(List.of("FILE_READ_ACCESS", "FILE_WRITE_ACCESS"), rw.validatesAccess());
    assertAt("inc/vendor.h", 4, rw.location());
    IoctlDefinition cont = ioctl(p, "IOCTL_VENDOR_CONT");
    assertEquals("0x00226004", cont.code().hex());
    assertFalse(cont.userMode());
    assertAt("inc/vendor.h", 5, cont.location());
  }

  @Test
  void ctlCodeOfAnUnknownNameIsUnresolved() {
    write(dir, "u.c", """
        #include <ntddk.h>
        #define IOCTL_GOOD CTL_CODE(FILE_DEVICE_UNKNOWN, 0x820, METHOD_BUFFERED, FILE_ANY_ACCESS)
        #define IOCTL_BAD  CTL_CODE(MY_UNDEFINED_TYPE, 0x821, METHOD_BUFFERED, FILE_ANY_ACCESS)
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = NULL;
            return STATUS_SUCCESS;
        }
        """);
    DriverPackage p = scanOne(dir);
    assertEquals(List.of("IOCTL_GOOD"), p.ioctls().stream().map(IoctlDefinition::name).toList());
    Unresolved u = oneUnresolved(p, "IOCTL_BAD", "code");
    assertTrue(u.why().contains("MY_UNDEFINED_TYPE"), u.why());
    assertAt("u.c", 3, u.location());
  }

  private static final String KMDF = """
      #include <wdf.h>
      #define IOCTL_KM_PUBLIC   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x840, METHOD_BUFFERED, FILE_ANY_ACCESS)
      #define IOCTL_KM_PRIVATE  CTL_CODE(FILE_DEVICE_UNKNOWN, 0x841, METHOD_BUFFERED, FILE_ANY_ACCESS)
      VOID KmIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t Out, size_t In, ULONG IoControlCode)
      {
          switch (IoControlCode) {
          case IOCTL_KM_PUBLIC:
              WdfRequestComplete(Request, STATUS_SUCCESS);
              return;
          }
          WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
      }
      VOID KmIoInternal(WDFQUEUE Queue, WDFREQUEST Request, size_t Out, size_t In, ULONG IoControlCode)
      {
          switch (IoControlCode) {
          case IOCTL_KM_PRIVATE:
              WdfRequestSend(Request, WdfDeviceGetIoTarget(WdfIoQueueGetDevice(Queue)), NULL);
              return;
          }
      }
      NTSTATUS KmAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
      {
          WDF_IO_QUEUE_CONFIG queueConfig;
          WDFDEVICE device;
          NTSTATUS status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
          WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queueConfig, WdfIoQueueDispatchParallel);
          queueConfig.EvtIoDeviceControl = KmIoDeviceControl;
          queueConfig.EvtIoInternalDeviceControl = KmIoInternal;
          return WdfIoQueueCreate(device, &queueConfig, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          WDF_DRIVER_CONFIG config;
          WDF_DRIVER_CONFIG_INIT(&config, KmAdd);
          return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
      }
      """;

  @Test
  void kmdfQueueCallbacksDecideUserMode() {
    write(dir, "km.c", KMDF);
    DriverPackage p = scanOne(dir);
    IoctlDefinition pub = ioctl(p, "IOCTL_KM_PUBLIC");
    assertTrue(pub.userMode());
    assertFalse(pub.forwardsDown());
    assertEquals("0x00222100", pub.code().hex());
    IoctlDefinition priv = ioctl(p, "IOCTL_KM_PRIVATE");
    assertFalse(priv.userMode(), "handled only in EvtIoInternalDeviceControl");
    assertTrue(priv.forwardsDown());
  }

  @Test
  void emptyCaseFallsThroughToTheNextHandler() {
    write(dir, "ft.c", """
        #include <ntddk.h>
        #define IOCTL_FT_A CTL_CODE(FILE_DEVICE_UNKNOWN, 0x850, METHOD_BUFFERED, FILE_ANY_ACCESS)
        #define IOCTL_FT_B CTL_CODE(FILE_DEVICE_UNKNOWN, 0x851, METHOD_BUFFERED, FILE_ANY_ACCESS)
        NTSTATUS FtDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
        {
            switch (IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode) {
            case IOCTL_FT_A:
            case IOCTL_FT_B:
                return IoValidateDeviceIoControlAccess(Irp, FILE_READ_ACCESS);
            }
            return STATUS_INVALID_DEVICE_REQUEST;
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = FtDeviceControl;
            return STATUS_SUCCESS;
        }
        """);
    DriverPackage p = scanOne(dir);
    assertEquals(List.of("FILE_READ_ACCESS"), ioctl(p, "IOCTL_FT_A").validatesAccess());
    assertEquals(List.of("FILE_READ_ACCESS"), ioctl(p, "IOCTL_FT_B").validatesAccess());
  }

  private static final String SINGLE = """
      #include <ntddk.h>
      #define IOCTL_ONE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x860, METHOD_BUFFERED, FILE_ANY_ACCESS)
      NTSTATUS OneDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          ULONG code = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode;
          NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
          %s
          return status;
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = OneDeviceControl;
          return STATUS_SUCCESS;
      }
      """;

  @Test
  void equalityTestWithTheCodeOnTheLeftIsAHandler() {
    write(dir, "one.c", SINGLE.formatted("if (IOCTL_ONE == code) { status = STATUS_SUCCESS; }"));
    assertTrue(ioctl(scanOne(dir), "IOCTL_ONE").userMode(), "`IOCTL_ONE == code` handles the code");
  }

  @Test
  void validateAccessInsideAConditionCounts() {
    write(dir, "one.c", SINGLE.formatted("""
        if (code == IOCTL_ONE) {
                if (!NT_SUCCESS(IoValidateDeviceIoControlAccess(Irp, FILE_READ_ACCESS))) {
                    status = STATUS_ACCESS_DENIED;
                }
            }"""));
    IoctlDefinition i = ioctl(scanOne(dir), "IOCTL_ONE");
    assertTrue(i.userMode());
    assertEquals(List.of("FILE_READ_ACCESS"), i.validatesAccess());
  }

  @Test
  void validateAccessAssignedToStatusCounts() {
    write(dir, "one.c", SINGLE.formatted(
        "if (code == IOCTL_ONE) { status = IoValidateDeviceIoControlAccess(Irp, FILE_READ_ACCESS); }"));
    assertEquals(List.of("FILE_READ_ACCESS"), ioctl(scanOne(dir), "IOCTL_ONE").validatesAccess());
  }
}
