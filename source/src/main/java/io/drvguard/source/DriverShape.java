package io.drvguard.source;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a driver plugs into Windows, read from its registration code: its AddDevice routine (WDM
 * {@code DriverExtension->AddDevice}, KMDF {@code EvtDriverDeviceAdd}) makes it a PnP driver, none a
 * legacy one; {@code IoRegisterFileSystem} a file system; {@code WdfFdoInitSetFilter}, or a WDM
 * driver whose directory says "filter", a filter.
 */
final class DriverShape {
  private static final Pattern ADD_DEVICE = Pattern.compile(".*DriverExtension->AddDevice");
  private static final Pattern EVT_ADD = Pattern.compile(".*\\.EvtDriverDeviceAdd");
  /**
   * Registration with a port or class driver, which creates the device objects and supplies
   * AddDevice (NDIS, Storport, SCSI port, AVStream, PortCls, HID class, video port) or routes the I/O
   * (filter manager): such a miniport is not a legacy driver that must create its own named object.
   */
  static final java.util.List<String> PORT_REGISTRATION = java.util.List.of(
      "NdisMRegisterMiniportDriver", "NdisRegisterProtocolDriver", "NdisFRegisterFilterDriver", "StorPortInitialize",
      "ScsiPortInitialize", "KsInitializeDriver", "PcInitializeAdapterDriver", "HidRegisterMinidriver",
      "FltRegisterFilter", "VideoPortInitialize", "DxgkInitialize", "StreamClassRegisterAdapter", "SdPortInitialize",
      "ClassInitialize", "ClassInitializeEx", "NdisMRegisterWdiMiniportDriver");

  final boolean kmdf;
  final Set<String> entry;
  final Set<String> addDevice = new LinkedHashSet<>();
  final boolean pnp;
  /** Registers with a port or class driver ({@link #PORT_REGISTRATION}). */
  final boolean miniport;
  final boolean filter;
  final boolean fileSystem;
  /** Functions DriverEntry reaches, and functions AddDevice reaches. */
  final Set<String> fromEntry;
  final Set<String> fromAddDevice;

  DriverShape(DriverCode code, String pathHint) {
    kmdf = code.kmdf();
    entry = code.defines("DriverEntry") ? Set.of("DriverEntry") : Set.of();
    for (DriverCode.At a : code.assignedTo(kmdf ? EVT_ADD : ADD_DEVICE)) {
      // a C++ driver registers a static member: Device::OnDeviceAdd
      String t = a.text().replaceAll("\\s+", "");
      if (t.matches("[\\w:]+") && !t.equals("NULL") && !t.equals("WDF_NO_EVENT_CALLBACK")) {
        addDevice.add(t.substring(t.lastIndexOf(':') + 1));
      }
    }
    if (kmdf) {
      for (DriverCode.At c : code.calls("WDF_DRIVER_CONFIG_INIT")) {
        java.util.List<String> args = Nodes.argumentTexts(c.file(), c.node());
        String name = args.size() == 2 ? args.get(1).replaceAll("[&\\s]", "") : "";
        if (name.matches("[\\w:]+") && !"WDF_NO_EVENT_CALLBACK".equals(name) && !"NULL".equals(name)) {
          addDevice.add(name.substring(name.lastIndexOf(':') + 1));
        }
      }
    }
    boolean nonPnp = kmdf && code.files.stream().anyMatch(f -> f.text().contains("WdfDriverInitNonPnpDriver"));
    miniport = PORT_REGISTRATION.stream().anyMatch(r -> !code.calls(r).isEmpty());
    pnp = (!addDevice.isEmpty() && !nonPnp) || miniport;
    fileSystem = !code.calls("IoRegisterFileSystem").isEmpty();
    filter = !code.calls("WdfFdoInitSetFilter").isEmpty()
        || (!kmdf && pnp && pathHint.toLowerCase(Locale.ROOT).contains("filter"));
    fromEntry = code.reachable(entry);
    fromAddDevice = code.reachable(addDevice);
  }
}
