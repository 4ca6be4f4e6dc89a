package io.drvguard.facts.request;

/** The NTSTATUS values a decision can carry, as Windows returns them to the caller. */
public enum NtStatus {
  STATUS_SUCCESS(0x00000000),
  STATUS_ACCESS_DENIED(0xC0000022),
  STATUS_PRIVILEGE_NOT_HELD(0xC0000061),
  STATUS_INVALID_DEVICE_REQUEST(0xC0000010),
  STATUS_SHARING_VIOLATION(0xC0000043),
  STATUS_OBJECT_NAME_NOT_FOUND(0xC0000034),
  STATUS_INVALID_HANDLE(0xC0000008),
  STATUS_NOT_SUPPORTED(0xC00000BB);

  private final int value;

  NtStatus(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }
}
