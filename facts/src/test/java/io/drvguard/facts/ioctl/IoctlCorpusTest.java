package io.drvguard.facts.ioctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every IOCTL definition of microsoft/Windows-driver-samples ({@code wds/ioctls.tsv}) through the
 * codec: parse, encode, decode, print, parse again.
 *
 * <p>Row classes (by the {@code kind} column, cross-checked against the arguments):
 * <ul>
 *   <li>{@code wrapper-macro(params)}: the definition of a wrapper such as
 *       {@code BUSENUM_IOCTL(_index_)}; its arguments are macro parameters, so it is skipped.
 *   <li>{@code direct}: a {@code #define NAME CTL_CODE(...)}; the text after the name is parsed
 *       as written (including {@code (DWORD) CTL_CODE(...)}).
 *   <li>{@code via-wrapper ...}: a use of a wrapper; the tsv resolves the wrapper into the four
 *       argument columns, from which {@code CTL_CODE(...)} is rebuilt and parsed.
 * </ul>
 *
 * <p>Five definitions have a function code above 0xfff and are rejected by the strict parser,
 * as they must be (the C macro lets the function spill into the access or device-type bits); the
 * test pins exactly which, and what the compiler actually produces for them.
 */
class IoctlCorpusTest {

  /**
   * Driver-local names that ioctls.tsv uses but ioctl_symbols.tsv omits, as the sample headers
   * define them (toaster/serialhcibus/DV-FailDriver public.h:
   * {@code #define FILE_DEVICE_BUSENUM FILE_DEVICE_BUS_EXTENDER}; ndisprot protuser.h and pcidrv
   * nuiouser.h: {@code #define FSCTL_NDISPROT_BASE FILE_DEVICE_NETWORK}). Values are given as the
   * header text and evaluated.
   */
  private static final Map<String, String> MISSING_SYMBOLS = Map.of(
      "FILE_DEVICE_BUSENUM", "FILE_DEVICE_BUS_EXTENDER",
      "FSCTL_NDISPROT_BASE", "FILE_DEVICE_NETWORK");

  /**
   * Per-file values that differ from ioctl_symbols.tsv, which holds one value per name:
   * usb/usbsamp/sys/public.h has {@code #define IOCTL_INDEX 0x0000} (not the osrfx2/kbfiltr 0x800).
   */
  private static final Map<String, Map<String, Long>> PER_FILE = Map.of(
      "usb/usbsamp/sys/public.h", Map.of("IOCTL_INDEX", 0x0000L));

  /** The definitions whose function exceeds 12 bits, with the 32-bit value the C macro yields. */
  private static final Map<String, Integer> OUT_OF_RANGE = new TreeMap<>(Map.of(
      "nfp/net/inc/NetNfp.h:26 IOCTL_BEGIN_PROXIMITY", 0x00224000,
      "smartcrd/pscr/pscrnt.h:111 IOCTL_PSCR_COMMAND", 0x00330000,
      "smartcrd/pscr/pscrnt.h:112 IOCTL_GET_VERSIONS", 0x00330004,
      "smartcrd/pscr/pscrnt.h:113 IOCTL_SET_TIMEOUT", 0x00330008,
      "smartcrd/pscr/pscrnt.h:114 IOCTL_GET_CONFIGURATION", 0x0033000c));

  private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+(.*)$");
  private static final Pattern WRAPPER_KIND = Pattern.compile("^wrapper-macro\\((.*)\\)$");

  private static Map<String, Long> symbols;
  private static List<String[]> rows;

  @BeforeAll
  static void load() throws IOException {
    symbols = new LinkedHashMap<>();
    List<String> symLines = Files.readAllLines(SharedCorpus.require("wds/ioctl_symbols.tsv"), StandardCharsets.UTF_8);
    assertEquals("name\tvalue\tdefined_in", symLines.get(0));
    for (String line : symLines.subList(1, symLines.size())) {
      if (!line.isBlank()) {
        String[] f = line.split("\t");
        symbols.put(f[0], CtlCode.evaluate(f[1], symbols));
      }
    }
    List<String> lines = Files.readAllLines(SharedCorpus.require("wds/ioctls.tsv"), StandardCharsets.UTF_8);
    assertEquals("file\tline\tname\tdevicetype\tfunction\tmethod\taccess\tkind\traw_text", lines.get(0));
    rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        String[] f = line.split("\t", -1);
        assertEquals(9, f.length, line);
        rows.add(f);
      }
    }
  }

  @Test
  void symbolsTsvValues() {
    Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("FILEIO_TYPE", 40001L),
        Map.entry("FILE_DEVICE_OSRUSBFX2", 65500L),
        Map.entry("FILE_DEVICE_POWERFX", 0x9000L),
        Map.entry("FILE_DEVICE_PPM", 32769L),
        Map.entry("FILE_DEVICE_SPB_PERIPHERAL", 0x400L),
        Map.entry("FILE_DEVICE_UCSI", 4627L),
        Map.entry("IOCTL_INDEX", 0x800L),
        Map.entry("IOCTL_INDEX_POWERFX", 0x900L),
        Map.entry("IOCTL_VOLUME_BASE", 0x56L), // ((ULONG) 'V')
        Map.entry("KASANTRIGGER_TYPE", 40000L),
        Map.entry("SDMA_TYPE", 40000L),
        Map.entry("SIOCTL_TYPE", 40000L)));
    assertEquals(expected, new TreeMap<>(symbols));
  }

  @Test
  void everyDefinitionParsesEncodesDecodesAndRoundTrips() {
    Map<String, Long> all = new HashMap<>(symbols);
    MISSING_SYMBOLS.forEach((k, v) -> all.put(k, CtlCode.evaluate(v, symbols)));
    assertEquals(0x2AL, all.get("FILE_DEVICE_BUSENUM"));
    assertEquals(0x12L, all.get("FSCTL_NDISPROT_BASE"));

    int definitions = 0;
    int wrappers = 0;
    int ok = 0;
    int negative = 0;
    Map<String, Integer> rejected = new TreeMap<>();
    Map<String, CtlCode> byKey = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (String[] f : rows) {
      String key = f[0] + ":" + f[1] + " " + f[2];
      String kind = f[7];
      String[] args = {f[3], f[4], f[5], f[6]};
      Matcher wm = WRAPPER_KIND.matcher(kind);
      if (wm.matches()) {
        // a wrapper definition: some argument must be one of its macro parameters
        List<String> params = List.of(wm.group(1).split("\\s*,\\s*"));
        assertTrue(anyArgUses(args, params), "wrapper row without parameter use: " + key);
        wrappers++;
        continue;
      }
      definitions++;
      Map<String, Long> syms = new HashMap<>(all);
      syms.putAll(PER_FILE.getOrDefault(f[0], Map.of()));
      String fromColumns = "CTL_CODE(" + String.join(", ", args) + ")";
      String text;
      if (kind.equals("direct")) {
        Matcher dm = DEFINE.matcher(f[8]);
        assertTrue(dm.matches(), key);
        assertEquals(f[2], dm.group(1), key);
        text = dm.group(2);
        assertTrue(text.contains("CTL_CODE"), key);
      } else {
        assertTrue(kind.startsWith("via-wrapper "), key + ": unexpected kind " + kind);
        text = fromColumns;
      }
      // the four fields, each evaluated on its own from the tsv columns
      long[] fields = new long[4];
      for (int i = 0; i < 4; i++) {
        fields[i] = CtlCode.evaluate(args[i], syms);
      }
      CtlCode c;
      try {
        c = CtlCode.parse(text, syms);
      } catch (CtlCodeException e) {
        if (e.code().equals(CtlCodeException.RANGE_ERROR) && e.getMessage().contains("function `")) {
          rejected.put(key, CtlCode.macroValue(text, syms));
          long spilled = (fields[0] << 16) | (fields[3] << 14) | (fields[1] << 2) | fields[2];
          assertEquals((int) spilled, CtlCode.macroValue(text, syms), key);
        } else {
          failures.add(key + ": " + e.getMessage());
        }
        continue;
      }
      List<String> problems = new ArrayList<>();
      if (c.deviceType() != fields[0] || c.function() != fields[1] || c.method() != fields[2]
          || c.access() != fields[3]) {
        problems.add("fields " + c + " vs columns " + fromColumns);
      }
      if (!CtlCode.parse(fromColumns, syms).equals(c)) {
        problems.add("raw text and columns disagree");
      }
      int value = c.value();
      if (!CtlCode.decode(value).equals(c)) {
        problems.add("decode(value) " + CtlCode.decode(value));
      }
      if (CtlCode.macroValue(text, syms) != value) {
        problems.add("macroValue " + Integer.toHexString(CtlCode.macroValue(text, syms)));
      }
      if (!CtlCode.parse(c.toString()).equals(c)) {
        problems.add("toString round trip " + c);
      }
      if (!CtlCode.parse(c.hex()).equals(c)) {
        problems.add("hex round trip " + c.hex());
      }
      if (problems.isEmpty()) {
        ok++;
        if (value < 0) {
          negative++;
        }
        byKey.put(key, c);
      } else {
        failures.add(key + ": " + problems);
      }
    }
    System.out.println("ioctls.tsv: " + ok + "/" + definitions
        + " definitions parsed and round-tripped (" + wrappers + " wrapper rows skipped)");
    System.out.println("ioctls.tsv: " + rejected.size() + " definitions rejected, function above 0xfff "
        + "(C value shown): " + hexValues(rejected));
    System.out.println("ioctls.tsv: " + negative + " round-tripped codes have a vendor device type >= 0x8000 "
        + "(negative int)");

    assertEquals(List.of(), failures);
    assertEquals(222, rows.size());
    assertEquals(12, wrappers);
    assertEquals(210, definitions);
    assertEquals(OUT_OF_RANGE, rejected);
    assertEquals(definitions - OUT_OF_RANGE.size(), ok);
    assertEquals(73, negative);

    // a few rows against values computed by hand from the headers
    assertEquals(0x9c402408, byKey.get("general/ioctl/wdm/sys/sioctl.h:36 IOCTL_SIOCTL_METHOD_BUFFERED").value());
    assertEquals(0xffdc6000, byKey.get("usb/kmdf_fx2/inc/public.h:124 IOCTL_OSRUSBFX2_GET_CONFIG_DESCRIPTOR").value());
    assertEquals(0xffdca014, byKey.get("usb/kmdf_fx2/inc/public.h:145 IOCTL_OSRUSBFX2_SET_BAR_GRAPH_DISPLAY").value());
    assertEquals(0x00564000, byKey.get("storage/class/disk/src/disk.c:104 IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS_ADMIN").value());
    assertEquals(0x000b6000, byKey.get("input/kbfiltr/sys/public.h:6 IOCTL_KBFILTR_GET_KEYBOARD_ATTRIBUTES").value());
    assertEquals(0x00220000, byKey.get("usb/usbsamp/sys/public.h:34 IOCTL_USBSAMP_GET_CONFIG_DESCRIPTOR").value());
    assertEquals(0x002a4000, byKey.get("general/toaster/toastDrv/inc/public.h:94 IOCTL_BUSENUM_PLUGIN_HARDWARE").value());
    assertEquals(0x0012c800, byKey.get("network/ndis/ndisprot/6x/sys/protuser.h:31 IOCTL_NDISPROT_OPEN_DEVICE").value());
    assertEquals("CTL_CODE(0xffdc, 0x805, METHOD_BUFFERED, FILE_WRITE_ACCESS)",
        byKey.get("usb/kmdf_fx2/inc/public.h:145 IOCTL_OSRUSBFX2_SET_BAR_GRAPH_DISPLAY").toString());
  }

  @Test
  void outOfRangeDefinitionIsRejectedWithPosition() {
    String[] row = rows.stream().filter(f -> f[2].equals("IOCTL_BEGIN_PROXIMITY")).findFirst().orElseThrow();
    Matcher dm = DEFINE.matcher(row[8]);
    assertTrue(dm.matches());
    CtlCodeException e = assertThrows(CtlCodeException.class, () -> CtlCode.parse(dm.group(2)));
    assertEquals("ctl_code_range_error at 30: function `0x1000` = 0x1000 out of range 0..0xfff", e.getMessage());
    // what the driver really registered: FILE_READ_ACCESS required, function 0
    assertEquals(new CtlCode(0x22, 0, 0, 1), CtlCode.decode(CtlCode.macroValue(dm.group(2), Map.of())));
  }

  @Test
  void missingDriverSymbolIsAnErrorNotZero() {
    String[] row = rows.stream().filter(f -> f[3].equals("FSCTL_NDISPROT_BASE") && f[7].startsWith("via-wrapper"))
        .findFirst().orElseThrow();
    String text = "CTL_CODE(" + String.join(", ", row[3], row[4], row[5], row[6]) + ")";
    CtlCodeException e = assertThrows(CtlCodeException.class, () -> CtlCode.parse(text, symbols));
    assertEquals("ctl_code_parse_error at 9: unknown symbol `FSCTL_NDISPROT_BASE`", e.getMessage());
  }

  private static boolean anyArgUses(String[] args, List<String> params) {
    for (String a : args) {
      for (String p : params) {
        if (Pattern.compile("\\b" + Pattern.quote(p) + "\\b").matcher(a).find()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String hexValues(Map<String, Integer> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ")
        .append(String.format("0x%08x", v)));
    return sb.toString();
  }
}
