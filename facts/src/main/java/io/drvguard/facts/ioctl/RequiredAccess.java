package io.drvguard.facts.ioctl;

/**
 * The required access of an I/O control code (bits 14–15 of {@code CTL_CODE}, IOCTL-1): the
 * rights the I/O manager requires on the caller's handle before the request reaches the driver
 * (IOCTL-2).
 */
public enum RequiredAccess {
  /** {@code FILE_ANY_ACCESS} (0; alias {@code FILE_SPECIAL_ACCESS}): no specific right required. */
  ANY(0, "FILE_ANY_ACCESS", 0),
  /** {@code FILE_READ_ACCESS} (1; = {@code FILE_READ_DATA}): the handle needs {@code FILE_READ_DATA}. */
  READ(1, "FILE_READ_ACCESS", 0x0001),
  /** {@code FILE_WRITE_ACCESS} (2; = {@code FILE_WRITE_DATA}): the handle needs {@code FILE_WRITE_DATA}. */
  WRITE(2, "FILE_WRITE_ACCESS", 0x0002),
  /** Both (3): the handle needs {@code FILE_READ_DATA} and {@code FILE_WRITE_DATA}. */
  READ_WRITE(3, "FILE_READ_ACCESS | FILE_WRITE_ACCESS", 0x0003);

  /** The file access right {@code FILE_READ_DATA} (0x0001). */
  public static final int FILE_READ_DATA = 0x0001;
  /** The file access right {@code FILE_WRITE_DATA} (0x0002). */
  public static final int FILE_WRITE_DATA = 0x0002;

  private static final RequiredAccess[] BY_VALUE = values();

  private final int value;
  private final String symbol;
  private final int fileAccessMask;

  RequiredAccess(int value, String symbol, int fileAccessMask) {
    this.value = value;
    this.symbol = symbol;
    this.fileAccessMask = fileAccessMask;
  }

  /** The 2-bit field value 0..3. */
  public int value() {
    return value;
  }

  /** The canonical symbolic form, e.g. {@code FILE_READ_ACCESS | FILE_WRITE_ACCESS} for 3. */
  public String symbol() {
    return symbol;
  }

  /**
   * The access rights the I/O manager requires on the handle: a combination of
   * {@link #FILE_READ_DATA} and {@link #FILE_WRITE_DATA}; 0 for {@link #ANY}.
   */
  public int fileAccessMask() {
    return fileAccessMask;
  }

  /** Whether a handle granted {@code grantedAccess} holds every right this value requires. */
  public boolean isSatisfiedBy(int grantedAccess) {
    return (grantedAccess & fileAccessMask) == fileAccessMask;
  }

  /** The required access with this field value; throws {@link CtlCodeException} outside 0..3. */
  public static RequiredAccess of(int value) {
    if (value < 0 || value > 3) {
      throw CtlCodeException.range(-1, "access " + value + " out of range 0..3");
    }
    return BY_VALUE[value];
  }
}
