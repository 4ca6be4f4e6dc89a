package io.drvguard.source;

import static io.drvguard.source.ScanSupport.assertAt;
import static io.drvguard.source.ScanSupport.scanOne;
import static io.drvguard.source.ScanSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.Driver;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateDispatchTest {
  @TempDir Path dir;

  /** A legacy WDM driver; the create routine's body is the %s on line 6; its assignment on line 13. */
  private static final String WDM = """
      #include <ntddk.h>
      NTSTATUS CdCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
          NTSTATUS status = STATUS_SUCCESS;
          %s
          Irp->IoStatus.Status = status;
          IoCompleteRequest(Irp, IO_NO_INCREMENT);
          return status;
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          DriverObject->MajorFunction[IRP_MJ_CREATE] = CdCreate;
          return STATUS_SUCCESS;
      }
      """;

  @Test
  void createRoutineThatChecksFileNameLengthFailsNamespaceOpens() {
    write(dir, "cd.c", WDM.formatted(
        "if (stack->FileObject->FileName.Length != 0) { status = STATUS_INVALID_DEVICE_REQUEST; }"));
    Driver d = scanOne(dir).driver();
    assertEquals(new Dispatch(false, true, false, false), d.dispatch());
    assertAt("cd.c", 13, d.location());
  }

  @Test
  void createRoutineThatDoesNotCheckFileNameAcceptsNamespaceOpens() {
    write(dir, "cd.c", WDM.formatted("status = STATUS_SUCCESS;"));
    Driver d = scanOne(dir).driver();
    assertEquals(new Dispatch(false, false, false, false), d.dispatch());
    assertAt("cd.c", 13, d.location());
  }

  @Test
  void createRoutineThatChecksRelatedFileObjectFailsRelatedOpens() {
    write(dir, "cd.c", WDM.formatted(
        "if (stack->FileObject->RelatedFileObject != NULL) { status = STATUS_ACCESS_DENIED; }"));
    assertEquals(new Dispatch(true, false, false, false), scanOne(dir).driver().dispatch());
  }

  @Test
  void checkInAHelperTheCreateRoutineCallsCounts() {
    write(dir, "cd.c", "BOOLEAN CdHasName(PFILE_OBJECT f) { return f->FileName.Length > 0"
        + " || f->RelatedFileObject != NULL; }\n"
        + WDM.formatted("if (CdHasName(stack->FileObject)) { status = STATUS_INVALID_PARAMETER; }"));
    Driver d = scanOne(dir).driver();
    assertEquals(new Dispatch(true, true, false, false), d.dispatch());
    assertAt("cd.c", 14, d.location());
  }

  @Test
  void wdmDriverWithoutCreateRoutineFailsAllOpens() {
    write(dir, "none.c", """
        #include <ntddk.h>
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            PDEVICE_OBJECT DeviceObject;
            return IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &DeviceObject);
        }
        """);
    Driver d = scanOne(dir).driver();
    assertEquals(new Dispatch(true, true, false, false), d.dispatch());
    assertAt("none.c", 2, d.location());
  }

  @Test
  void everySlotLoopGivesTheCreateRoutine() {
    write(dir, "loop.c", """
        #include <ntddk.h>
        NTSTATUS LpDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
        {
            PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
            if (stack->MajorFunction == IRP_MJ_CREATE && stack->FileObject->FileName.Length > 0) {
                return STATUS_ACCESS_DENIED;
            }
            return STATUS_SUCCESS;
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            ULONG i;
            for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++) {
                DriverObject->MajorFunction[i] = LpDispatch;
            }
            return STATUS_SUCCESS;
        }
        """);
    Driver d = scanOne(dir).driver();
    assertEquals(new Dispatch(false, true, false, false), d.dispatch());
    assertAt("loop.c", 14, d.location());
  }

  /** A KMDF driver; %s on line 9 sets up file object callbacks. */
  private static final String KMDF = """
      #include <wdf.h>
      VOID KmFileCreate(WDFDEVICE Device, WDFREQUEST Request, WDFFILEOBJECT FileObject)
      {
          %s
      }
      NTSTATUS KmAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
      {
          WDF_FILEOBJECT_CONFIG fileConfig; WDFDEVICE device;
          %s
          return WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
      }
      NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          WDF_DRIVER_CONFIG config;
          WDF_DRIVER_CONFIG_INIT(&config, KmAdd);
          return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
      }
      """;

  @Test
  void kmdfWithoutFileCreateCallbackSucceedsOpens() {
    write(dir, "km.c", KMDF.formatted("WdfRequestComplete(Request, STATUS_SUCCESS);", ""));
    Driver d = scanOne(dir).driver();
    assertEquals(Dispatch.NONE, d.dispatch());
    assertAt("km.c", 12, d.location());
  }

  @Test
  void kmdfFileCreateThatReadsTheFileNameFailsNamespaceOpens() {
    write(dir, "km.c", KMDF.formatted("""
        PUNICODE_STRING name = WdfFileObjectGetFileName(FileObject);
            WdfRequestComplete(Request, name != NULL && name->Length ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_SUCCESS);""",
        "WDF_FILEOBJECT_CONFIG_INIT(&fileConfig, KmFileCreate, WDF_NO_EVENT_CALLBACK, WDF_NO_EVENT_CALLBACK);"
            + " WdfDeviceInitSetFileObjectConfig(DeviceInit, &fileConfig, WDF_NO_OBJECT_ATTRIBUTES);"));
    Driver d = scanOne(dir).driver();
    assertEquals(new Dispatch(false, true, false, false), d.dispatch());
    assertAt("km.c", 10, d.location());
  }

  @Test
  void kmdfFileCreateThatIgnoresTheFileName() {
    write(dir, "km.c", KMDF.formatted("WdfRequestComplete(Request, STATUS_SUCCESS);",
        "WDF_FILEOBJECT_CONFIG_INIT(&fileConfig, KmFileCreate, WDF_NO_EVENT_CALLBACK, WDF_NO_EVENT_CALLBACK);"
            + " WdfDeviceInitSetFileObjectConfig(DeviceInit, &fileConfig, WDF_NO_OBJECT_ATTRIBUTES);"));
    assertEquals(Dispatch.NONE, scanOne(dir).driver().dispatch());
  }
}
