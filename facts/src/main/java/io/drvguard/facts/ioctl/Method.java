package io.drvguard.facts.ioctl;

/**
 * The transfer type of an I/O control code (bits 0–1 of {@code CTL_CODE}): how the I/O manager
 * passes the caller's buffers to the driver.
 */
public enum Method {
  /** {@code METHOD_BUFFERED} (0): the I/O manager copies through a system buffer. */
  BUFFERED(0, "METHOD_BUFFERED"),
  /** {@code METHOD_IN_DIRECT} (1, alias {@code METHOD_DIRECT_TO_HARDWARE}): output buffer mapped by an MDL, probed for read. */
  IN_DIRECT(1, "METHOD_IN_DIRECT"),
  /** {@code METHOD_OUT_DIRECT} (2, alias {@code METHOD_DIRECT_FROM_HARDWARE}): output buffer mapped by an MDL, probed for write. */
  OUT_DIRECT(2, "METHOD_OUT_DIRECT"),
  /** {@code METHOD_NEITHER} (3): the driver receives the raw user-mode addresses. */
  NEITHER(3, "METHOD_NEITHER");

  private static final Method[] BY_VALUE = values();

  private final int value;
  private final String symbol;

  Method(int value, String symbol) {
    this.value = value;
    this.symbol = symbol;
  }

  /** The 2-bit field value 0..3. */
  public int value() {
    return value;
  }

  /** The canonical {@code METHOD_*} name. */
  public String symbol() {
    return symbol;
  }

  /** The transfer type with this field value; throws {@link CtlCodeException} outside 0..3. */
  public static Method of(int value) {
    if (value < 0 || value > 3) {
      throw CtlCodeException.range(-1, "method " + value + " out of range 0..3");
    }
    return BY_VALUE[value];
  }
}
