package io.drvguard.facts.ioctl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The symbolic names of the public Windows headers ({@code devioctl.h} / {@code winioctl.h}) that
 * may appear in a {@code CTL_CODE(...)}: every {@code FILE_DEVICE_*} device type, every
 * {@code METHOD_*} transfer type, and the access names {@code FILE_ANY_ACCESS},
 * {@code FILE_SPECIAL_ACCESS}, {@code FILE_READ_ACCESS}, {@code FILE_WRITE_ACCESS},
 * {@code FILE_READ_DATA}, {@code FILE_WRITE_DATA}.
 *
 * <p>The table is embedded here as Java source (no file is read at run time). It mirrors
 * {@code constants/devioctl.tsv} of the shared corpus name for name and value; a test checks that
 * (IoctlNamesTableTest), so an edit that drifts from the headers fails the build.
 *
 * <p><b>Canonical names.</b> Where several names share a value, the reverse lookups
 * ({@link #deviceTypeName}, {@link #methodName}, {@link #accessName}) return the canonical one:
 * the name the headers use for that value in {@code CTL_CODE} definitions. That is
 * {@code METHOD_IN_DIRECT} / {@code METHOD_OUT_DIRECT} rather than the aliases
 * {@code METHOD_DIRECT_TO_HARDWARE} / {@code METHOD_DIRECT_FROM_HARDWARE},
 * {@code FILE_ANY_ACCESS} rather than {@code FILE_SPECIAL_ACCESS}, and
 * {@code FILE_READ_ACCESS} / {@code FILE_WRITE_ACCESS} rather than {@code FILE_READ_DATA} /
 * {@code FILE_WRITE_DATA} (same bits; the {@code *_ACCESS} names are the ones defined for
 * {@code CTL_CODE}). Device types have no duplicate values in the table; should one ever be added,
 * the first-registered (alphabetically first) {@code FILE_DEVICE_*} name wins.
 */
public final class IoctlNames {
  private static final Map<String, Long> ALL = new LinkedHashMap<>();
  private static final Map<Integer, String> DEVICE_TYPE_NAMES = new LinkedHashMap<>();
  private static final Map<Integer, String> METHOD_NAMES = new LinkedHashMap<>();
  private static final Map<Integer, String> ACCESS_NAMES = new LinkedHashMap<>();

  static {
    // METHOD_* (devioctl.h); canonical names registered first
    method("METHOD_BUFFERED", 0);
    method("METHOD_IN_DIRECT", 1);
    method("METHOD_OUT_DIRECT", 2);
    method("METHOD_NEITHER", 3);
    method("METHOD_DIRECT_TO_HARDWARE", 1); // = METHOD_IN_DIRECT
    method("METHOD_DIRECT_FROM_HARDWARE", 2); // = METHOD_OUT_DIRECT

    // access (devioctl.h); canonical names registered first
    access("FILE_ANY_ACCESS", 0);
    access("FILE_READ_ACCESS", 1);
    access("FILE_WRITE_ACCESS", 2);
    access("FILE_SPECIAL_ACCESS", 0); // = FILE_ANY_ACCESS
    access("FILE_READ_DATA", 1); // file/pipe access right, same bit as FILE_READ_ACCESS
    access("FILE_WRITE_DATA", 2); // file/pipe access right, same bit as FILE_WRITE_ACCESS
    ACCESS_NAMES.put(3, "FILE_READ_ACCESS | FILE_WRITE_ACCESS");

    // FILE_DEVICE_* (devioctl.h / winioctl.h)
    device("FILE_DEVICE_8042_PORT", 0x27);
    device("FILE_DEVICE_ACPI", 0x32);
    device("FILE_DEVICE_BATTERY", 0x29);
    device("FILE_DEVICE_BEEP", 0x1);
    device("FILE_DEVICE_BIOMETRIC", 0x44);
    device("FILE_DEVICE_BLUETOOTH", 0x41);
    device("FILE_DEVICE_BUS_EXTENDER", 0x2a);
    device("FILE_DEVICE_CD_ROM", 0x2);
    device("FILE_DEVICE_CD_ROM_FILE_SYSTEM", 0x3);
    device("FILE_DEVICE_CHANGER", 0x30);
    device("FILE_DEVICE_CONSOLE", 0x50);
    device("FILE_DEVICE_CONTROLLER", 0x4);
    device("FILE_DEVICE_CRYPT_PROVIDER", 0x3f);
    device("FILE_DEVICE_DATALINK", 0x5);
    device("FILE_DEVICE_DEVAPI", 0x47);
    device("FILE_DEVICE_DFS", 0x6);
    device("FILE_DEVICE_DFS_FILE_SYSTEM", 0x35);
    device("FILE_DEVICE_DFS_VOLUME", 0x36);
    device("FILE_DEVICE_DISK", 0x7);
    device("FILE_DEVICE_DISK_FILE_SYSTEM", 0x8);
    device("FILE_DEVICE_DVD", 0x33);
    device("FILE_DEVICE_EHSTOR", 0x46);
    device("FILE_DEVICE_EVENT_COLLECTOR", 0x5f);
    device("FILE_DEVICE_FILE_SYSTEM", 0x9);
    device("FILE_DEVICE_FIPS", 0x3a);
    device("FILE_DEVICE_FULLSCREEN_VIDEO", 0x34);
    device("FILE_DEVICE_GPIO", 0x48);
    device("FILE_DEVICE_HOLOGRAPHIC", 0x5b);
    device("FILE_DEVICE_INFINIBAND", 0x3b);
    device("FILE_DEVICE_INPORT_PORT", 0xa);
    device("FILE_DEVICE_KEYBOARD", 0xb);
    device("FILE_DEVICE_KS", 0x2f);
    device("FILE_DEVICE_KSEC", 0x39);
    device("FILE_DEVICE_MAILSLOT", 0xc);
    device("FILE_DEVICE_MASS_STORAGE", 0x2d);
    device("FILE_DEVICE_MIDI_IN", 0xd);
    device("FILE_DEVICE_MIDI_OUT", 0xe);
    device("FILE_DEVICE_MODEM", 0x2b);
    device("FILE_DEVICE_MOUSE", 0xf);
    device("FILE_DEVICE_MT_COMPOSITE", 0x42);
    device("FILE_DEVICE_MT_TRANSPORT", 0x43);
    device("FILE_DEVICE_MULTI_UNC_PROVIDER", 0x10);
    device("FILE_DEVICE_NAMED_PIPE", 0x11);
    device("FILE_DEVICE_NETWORK", 0x12);
    device("FILE_DEVICE_NETWORK_BROWSER", 0x13);
    device("FILE_DEVICE_NETWORK_FILE_SYSTEM", 0x14);
    device("FILE_DEVICE_NETWORK_REDIRECTOR", 0x28);
    device("FILE_DEVICE_NFP", 0x51);
    device("FILE_DEVICE_NULL", 0x15);
    device("FILE_DEVICE_NVDIMM", 0x5a);
    device("FILE_DEVICE_PARALLEL_PORT", 0x16);
    device("FILE_DEVICE_PERSISTENT_MEMORY", 0x59);
    device("FILE_DEVICE_PHYSICAL_NETCARD", 0x17);
    device("FILE_DEVICE_PMI", 0x45);
    device("FILE_DEVICE_POINT_OF_SERVICE", 0x54);
    device("FILE_DEVICE_PRINTER", 0x18);
    device("FILE_DEVICE_PRM", 0x5e);
    device("FILE_DEVICE_SCANNER", 0x19);
    device("FILE_DEVICE_SCREEN", 0x1c);
    device("FILE_DEVICE_SDFXHCI", 0x5c);
    device("FILE_DEVICE_SERENUM", 0x37);
    device("FILE_DEVICE_SERIAL_MOUSE_PORT", 0x1a);
    device("FILE_DEVICE_SERIAL_PORT", 0x1b);
    device("FILE_DEVICE_SMARTCARD", 0x31);
    device("FILE_DEVICE_SMB", 0x2e);
    device("FILE_DEVICE_SOUND", 0x1d);
    device("FILE_DEVICE_SOUNDWIRE", 0x61);
    device("FILE_DEVICE_STORAGE_REPLICATION", 0x55);
    device("FILE_DEVICE_STREAMS", 0x1e);
    device("FILE_DEVICE_SYSENV", 0x52);
    device("FILE_DEVICE_TAPE", 0x1f);
    device("FILE_DEVICE_TAPE_FILE_SYSTEM", 0x20);
    device("FILE_DEVICE_TERMSRV", 0x38);
    device("FILE_DEVICE_TRANSPORT", 0x21);
    device("FILE_DEVICE_TRUST_ENV", 0x56);
    device("FILE_DEVICE_UCM", 0x57);
    device("FILE_DEVICE_UCMTCPCI", 0x58);
    device("FILE_DEVICE_UCMUCSI", 0x5d);
    device("FILE_DEVICE_UNKNOWN", 0x22);
    device("FILE_DEVICE_USB4", 0x60);
    device("FILE_DEVICE_USBEX", 0x49);
    device("FILE_DEVICE_VDM", 0x2c);
    device("FILE_DEVICE_VIDEO", 0x23);
    device("FILE_DEVICE_VIRTUAL_BLOCK", 0x53);
    device("FILE_DEVICE_VIRTUAL_DISK", 0x24);
    device("FILE_DEVICE_VMBUS", 0x3e);
    device("FILE_DEVICE_WAVE_IN", 0x25);
    device("FILE_DEVICE_WAVE_OUT", 0x26);
    device("FILE_DEVICE_WPD", 0x40);
  }

  private IoctlNames() {}

  private static void device(String name, int value) {
    put(name, value);
    DEVICE_TYPE_NAMES.putIfAbsent(value, name);
  }

  private static void method(String name, int value) {
    put(name, value);
    METHOD_NAMES.putIfAbsent(value, name);
  }

  private static void access(String name, int value) {
    put(name, value);
    ACCESS_NAMES.putIfAbsent(value, name);
  }

  private static void put(String name, long value) {
    if (ALL.putIfAbsent(name, value) != null) {
      throw new IllegalStateException("duplicate name in ioctl table: " + name);
    }
  }

  /** Every built-in name with its value, in registration order (unmodifiable). */
  public static Map<String, Long> all() {
    return Collections.unmodifiableMap(ALL);
  }

  /** The value of a built-in name ({@code FILE_DEVICE_*}, {@code METHOD_*}, access names). */
  public static OptionalLong value(String name) {
    Long v = ALL.get(name);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** The {@code FILE_DEVICE_*} name of a device type, if the headers define one. */
  public static Optional<String> deviceTypeName(int deviceType) {
    return Optional.ofNullable(DEVICE_TYPE_NAMES.get(deviceType));
  }

  /** The canonical {@code METHOD_*} name of a transfer type 0..3; empty for other values. */
  public static Optional<String> methodName(int method) {
    return Optional.ofNullable(METHOD_NAMES.get(method));
  }

  /**
   * The canonical access name of a required-access value 0..3: {@code FILE_ANY_ACCESS},
   * {@code FILE_READ_ACCESS}, {@code FILE_WRITE_ACCESS}, or for 3 the expression
   * {@code FILE_READ_ACCESS | FILE_WRITE_ACCESS}; empty for other values.
   */
  public static Optional<String> accessName(int access) {
    return Optional.ofNullable(ACCESS_NAMES.get(access));
  }
}
