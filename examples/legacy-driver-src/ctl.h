/*
 * drvguard example: the shared header of a small legacy driver and its control program.
 * Written for drvguard; it follows the shape of a typical "IOCTL sample" driver.
 */
#pragma once

#define CTL_DEVICE_NAME   L"\\Device\\CtlSample"
#define CTL_DOS_NAME      L"\\DosDevices\\CtlSample"
#define CTL_TYPE          40000

/* a query: any handle may send it (IOCTL-3 asks for FILE_READ_DATA) */
#define IOCTL_CTL_QUERY   CTL_CODE(CTL_TYPE, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* a change of state: only a handle opened for writing may send it */
#define IOCTL_CTL_RESET   CTL_CODE(CTL_TYPE, 0x901, METHOD_BUFFERED, FILE_WRITE_DATA)
