package io.drvguard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.CreationRoutine;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.IoctlDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan over Microsoft's Windows-driver-samples (commit 26a27df8), whose tree the environment
 * variable {@code WDS_SRC} names (see docs/sources.md for how to extract it); skipped when it is
 * unset. IOCTL codes are checked against {@code ../shared/corpus/wds/ioctls.tsv}, a table made
 * independently of this code, where that folder is present.
 */
class WdsSourceCorpusTest {
  private static SourceScanner.Result result;
  private static Map<String, DriverPackage> byRoot;

  @BeforeAll
  static void scanTree() throws Exception {
    String env = System.getenv("WDS_SRC");
    assumeTrue(env != null && Files.isDirectory(Path.of(env)), "WDS_SRC is not set to the samples' source tree");
    result = new SourceScanner().scan(Path.of(env));
    byRoot = new HashMap<>();
    for (ScannedDriver d : result.drivers()) {
      byRoot.put(d.rel(), d.pkg());
    }
  }

  @Test
  void everySampleDriverIsFoundAndEveryFileParses() {
    assertEquals(List.of(), result.errors().stream().map(Exception::getMessage).toList());
    assertTrue(result.drivers().size() >= 140, "drivers found: " + result.drivers().size());
    long kmdf = result.drivers().stream().filter(d -> d.framework().equals("kmdf")).count();
    long wdm = result.drivers().stream().filter(d -> d.framework().equals("wdm")).count();
    assertTrue(kmdf >= 80 && wdm >= 40, "kmdf " + kmdf + ", wdm " + wdm);
  }

  @Test
  void legacyWdmIoctlSample() {
    DriverPackage p = byRoot.get("general/ioctl/wdm/sys");
    assertEquals(DriverRole.LEGACY, p.driver().role());
    DeviceObject d = p.deviceObjects().get(0);
    assertEquals(DeviceObjectKind.LEGACY, d.kind());
    assertEquals("\\Device\\SIOCTL", d.name());
    assertEquals(CreationRoutine.IoCreateDevice, d.createdWith());
    assertTrue(d.location().file().endsWith("sioctl.c") && d.location().line() == 113, d.location().toString());
    IoctlDefinition buffered = ioctl(p, "IOCTL_SIOCTL_METHOD_BUFFERED");
    assertEquals(0x9C402408, buffered.code().value());
    assertTrue(buffered.userMode());
  }

  @Test
  void kmdfControlDeviceOfANonPnpDriverKeepsItsOwnSddl() {
    DriverPackage p = byRoot.get("general/ioctl/kmdf/sys");
    assertEquals(DriverRole.LEGACY, p.driver().role());
    DeviceObject d = p.deviceObjects().get(0);
    assertEquals("\\Device\\NONPNP", d.name());
    assertEquals("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGW;;;WD)(A;;GR;;;RC)", d.sddl());
    assertTrue(d.exclusive());
  }

  @Test
  void kmdfBusEnumeratesPdosAndKeyboardFilterItsRawPdo() {
    assertEquals(DeviceObjectKind.PDO, device(byRoot.get("general/toaster/toastDrv/kmdf/bus/static"), "hChild").kind());
    assertEquals(DeviceObjectKind.PDO, device(byRoot.get("general/toaster/toastDrv/kmdf/bus/dynamic"), "hChild").kind());
    DriverPackage kbfiltr = byRoot.get("input/kbfiltr/sys");
    assertEquals(DeviceObjectKind.FILTER, device(kbfiltr, "hDevice").kind());
    DeviceObject raw = device(kbfiltr, "hChild");
    assertTrue(raw.rawMode());
    assertEquals(CreationRoutine.IoCreateDeviceSecure, raw.createdWith());
    DeviceObject control = device(byRoot.get("general/toaster/toastDrv/kmdf/filter/sideband"), "controlDevice");
    assertEquals(DeviceObjectKind.CONTROL, control.kind());
    assertEquals("\\Device\\ToasterFilter", control.name());
  }

  @Test
  void stillImageMinidriversAreFound() {
    assertTrue(result.drivers().stream().filter(d -> d.framework().equals("sti")).count() >= 2);
  }

  /**
   * Every IOCTL the table lists (its {@code direct} rows) that the scan found at the same file and
   * line has the code the table's fields give, computed by {@link CtlCode#parse(String, Map)} with
   * the table's driver-local symbols.
   */
  @Test
  void ioctlCodesAgreeWithTheCorpusTable() throws IOException {
    Path table = Path.of("..", "..", "shared", "corpus", "wds", "ioctls.tsv");
    if (!Files.isRegularFile(table)) {
      table = Path.of("..", "shared", "corpus", "wds", "ioctls.tsv");
    }
    assumeTrue(Files.isRegularFile(table), "../shared/corpus is absent");
    Map<String, Long> symbols = symbols(table.resolveSibling("ioctl_symbols.tsv"));
    Map<String, IoctlDefinition> found = new HashMap<>();
    Path root = Path.of(System.getenv("WDS_SRC")).toAbsolutePath().normalize();
    for (ScannedDriver d : result.drivers()) {
      for (IoctlDefinition i : d.pkg().ioctls()) {
        String file = root.relativize(Path.of(i.location().file()).toAbsolutePath().normalize()).toString()
            .replace('\\', '/');
        found.put(file + ":" + i.location().line() + ":" + i.name(), i);
      }
    }
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (String line : Files.readAllLines(table, StandardCharsets.UTF_8).subList(1, Files.readAllLines(table).size())) {
      String[] c = line.split("\t", -1);
      if (!c[7].equals("direct")) {
        continue;
      }
      IoctlDefinition i = found.get(c[0] + ":" + c[1] + ":" + c[2]);
      if (i == null) {
        continue;
      }
      compared++;
      // the table keeps one value per symbol; a header that defines its own (usbsamp's IOCTL_INDEX is
      // 0, not the 0x800 of other samples) is read for that file's plain numeric #defines
      Map<String, Long> local = new HashMap<>(symbols);
      local.putAll(numericDefines(root.resolve(c[0])));
      int expected = CtlCode.parse("CTL_CODE(" + c[3] + ", " + c[4] + ", " + c[5] + ", " + c[6] + ")", local).value();
      if (expected != i.code().value()) {
        mismatches.add(c[2] + " at " + c[0] + ":" + c[1] + ": table " + Integer.toHexString(expected) + ", scan "
            + Integer.toHexString(i.code().value()));
      }
    }
    assertEquals(List.of(), mismatches);
    assertTrue(compared >= 115, "IOCTLs compared with the table: " + compared);
  }

  private static Map<String, Long> symbols(Path file) throws IOException {
    Map<String, Long> m = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      try {
        m.putIfAbsent(c[0], CtlCode.evaluate(c[1], m));
      } catch (RuntimeException e) {
        // a symbol defined by another symbol later in the table: the row that needs it fails visibly
      }
    }
    return m;
  }

  private static Map<String, Long> numericDefines(Path file) throws IOException {
    Map<String, Long> m = new HashMap<>();
    java.util.regex.Matcher d = java.util.regex.Pattern.compile("(?m)^\\s*#\\s*define\\s+(\\w+)\\s+(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\\s*$")
        .matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
    while (d.find()) {
      m.put(d.group(1), Long.decode(d.group(2)));
    }
    return m;
  }

  private static IoctlDefinition ioctl(DriverPackage p, String name) {
    return p.ioctls().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  private static DeviceObject device(DriverPackage p, String id) {
    return p.deviceObjects().stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no `" + id + "` in " + p.name() + ": " + p.deviceObjects()));
  }
}
