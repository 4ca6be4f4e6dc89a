/*
 * Written for drvguard's regression corpus. A legacy driver that creates its device object with
 * SDDL_DEVOBJ_SYS_ALL: the scan resolves the descriptor (D:P(A;;GA;;;SY)), so nothing is unknown.
 */
#include <ntddk.h>
#include <wdmsec.h>
#include "legacy.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_DISPATCH LegacyCreateClose;

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNICODE_STRING name;
    PDEVICE_OBJECT device = NULL;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&name, LEGACY_DEVICE_NAME);
    status = IoCreateDeviceSecure(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN,
                                  FILE_DEVICE_SECURE_OPEN, FALSE, &SDDL_DEVOBJ_SYS_ALL,
                                  (LPCGUID)&GUID_DEVCLASS_LEGACY9, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = LegacyCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = LegacyCreateClose;
    return STATUS_SUCCESS;
}

NTSTATUS
LegacyCreateClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (stack->MajorFunction == IRP_MJ_CREATE &&
        (stack->FileObject->FileName.Length != 0 || stack->FileObject->RelatedFileObject != NULL)) {
        status = STATUS_ACCESS_DENIED;
    }
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}
