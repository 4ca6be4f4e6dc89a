/*
 * drvguard example: a legacy (non-PnP) driver as drvguard reads it from source. `drvguard check`
 * reports the named device object created with IoCreateDevice (OBJ-8), the create routine that lets
 * relative and namespace opens through (NS-6; NS-8, as it sets no FILE_DEVICE_SECURE_OPEN) and
 * the FILE_ANY_ACCESS query (IOCTL-3), each at the line below that causes it.
 * Written for drvguard.
 */
#include <ntddk.h>
#include "ctl.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CtlUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH CtlCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH CtlDeviceControl;

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNICODE_STRING ntName;
    UNICODE_STRING dosName;
    PDEVICE_OBJECT device = NULL;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&ntName, CTL_DEVICE_NAME);
    status = IoCreateDevice(DriverObject, 0, &ntName, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }

    DriverObject->MajorFunction[IRP_MJ_CREATE] = CtlCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = CtlCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = CtlDeviceControl;
    DriverObject->DriverUnload = CtlUnload;

    RtlInitUnicodeString(&dosName, CTL_DOS_NAME);
    status = IoCreateSymbolicLink(&dosName, &ntName);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
    }
    return status;
}

NTSTATUS
CtlCreateClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
CtlDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    switch (stack->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_CTL_QUERY:
        break;
    case IOCTL_CTL_RESET:
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

VOID
CtlUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNICODE_STRING dosName;

    RtlInitUnicodeString(&dosName, CTL_DOS_NAME);
    IoDeleteSymbolicLink(&dosName);
    IoDeleteDevice(DriverObject->DeviceObject);
}
