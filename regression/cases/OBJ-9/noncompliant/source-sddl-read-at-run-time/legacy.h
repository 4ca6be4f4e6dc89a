/* Written for drvguard's regression corpus: a legacy driver's names and class. */
#pragma once

#define LEGACY_DEVICE_NAME L"\\Device\\Legacy9"

/* {5d0b7f2e-3c41-4d8e-9a77-0f61b2c4d9a1} */
DEFINE_GUID(GUID_DEVCLASS_LEGACY9,
    0x5d0b7f2e, 0x3c41, 0x4d8e, 0x9a, 0x77, 0x0f, 0x61, 0xb2, 0xc4, 0xd9, 0xa1);
