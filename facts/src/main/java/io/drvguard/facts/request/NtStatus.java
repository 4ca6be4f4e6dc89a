package io.drvguard.facts.request;

/** The NTSTATUS values a decision can carry, as Windows returns them to the caller. */
public enum NtStatus {
  /** The request succeeds. */
  STATUS_SUCCESS(0x00000000),
  /** An access check or the driver refuses the caller. */
  STATUS_ACCESS_DENIED(0xC0000022),
  /** The caller lacks a privilege the operation needs. */
  STATUS_PRIVILEGE_NOT_HELD(0xC0000061),
  /** The driver does not handle the request (an unknown IOCTL code, an open it fails). */
  STATUS_INVALID_DEVICE_REQUEST(0xC0000010),
  /** The object is already open in a way that excludes this open. */
  STATUS_SHARING_VIOLATION(0xC0000043),
  /** No object has the name. */
  STATUS_OBJECT_NAME_NOT_FOUND(0xC0000034),
  /** The handle is not open. */
  STATUS_INVALID_HANDLE(0xC0000008),
  /** The operation is not supported. */
  STATUS_NOT_SUPPORTED(0xC00000BB);

  private final int value;

  NtStatus(int value) {
    this.value = value;
  }

  /** The 32-bit NTSTATUS code. */
  public int value() {
    return value;
  }
}
