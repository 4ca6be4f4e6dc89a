package io.drvguard.adapters.inf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The reader against the 138 real INF/INX files of Windows-driver-samples, read in place. */
class InfCorpusTest {
  static final Set<String> CORRUPTED = Set.of(
      "network/netadaptercx/netvadapter/km/netvadapter.inf",
      "network/netadaptercx/netvadapter/um/netvadapterum.inf");

  private final InfReader reader = new InfReader();

  record Row(String file, int line, String valueName, String section, String referencedFrom, String keyKind, String rawLine) {}

  static List<Row> rows() throws Exception {
    Path tsv = InfCorpus.require("wds/inf_security_addreg.tsv");
    List<String> lines = Files.readAllLines(tsv);
    assertEquals("file\tline\tvalue_name\tsection\treferenced_from\tkey_kind\traw_line", lines.get(0));
    List<Row> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      if (l.isBlank()) {
        continue;
      }
      String[] c = l.split("\t", -1);
      assertEquals(7, c.length, l);
      rows.add(new Row(c[0], Integer.parseInt(c[1]), c[2], c[3], c[4], c[5], c[6]));
    }
    return rows;
  }

  /** The (referenced_from, key_kind) pairs of a row that are AddReg references; DELREG(...) entries are DelReg, not followed. */
  static List<String[]> references(Row r) {
    String[] from = r.referencedFrom().split(";");
    String[] kind = r.keyKind().split(";");
    assertEquals(from.length, kind.length, r.toString());
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      if (Set.of("HW", "CLASS", "SOFTWARE").contains(kind[i])) {
        out.add(new String[] {from[i], kind[i]});
      } else {
        assertTrue(kind[i].startsWith("DELREG"), kind[i]);
      }
    }
    return out;
  }

  private List<InfRegistryValue> resolve(Path dir, String file) throws InfException {
    InfFile inf = reader.read(file, readBytes(dir.resolve(file)));
    return AddRegResolver.resolve(inf, "wds");
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Matches every row against the values read from {@code dirName}; returns the count matched. */
  private int matchRows(String dirName, List<Row> rows, List<String> problems) throws Exception {
    Path dir = InfCorpus.require("wds/" + dirName);
    Map<String, List<InfRegistryValue>> byFile = new LinkedHashMap<>();
    int matched = 0;
    for (Row r : rows) {
      List<InfRegistryValue> values = byFile.get(r.file());
      if (values == null) {
        values = resolve(dir, r.file());
        byFile.put(r.file(), values);
      }
      boolean ok = true;
      for (String[] ref : references(r)) {
        long n = values.stream()
            .filter(v -> v.location().file().equals(r.file()) && v.location().line() == r.line())
            .filter(v -> v.valueName().equalsIgnoreCase(r.valueName()))
            .filter(v -> v.section().equalsIgnoreCase(r.section()))
            .filter(v -> v.referencedFrom().equalsIgnoreCase(ref[0]))
            .filter(v -> v.keyKind() == RegistryKeyKind.valueOf(ref[1]))
            .filter(v -> v.rawLine().strip().equals(r.rawLine().strip()))
            .filter(v -> "HKR".equals(v.root()) && v.subkey().isEmpty())
            .count();
        if (n != 1) {
          ok = false;
          problems.add(dirName + ": " + n + " values for " + r + " via " + ref[0]);
        }
      }
      if (ok) {
        matched++;
      }
    }
    return matched;
  }

  @Test
  void everySecurityAddRegRowIsResolvedFromTheBlobsAndTheCheckout() throws Exception {
    List<Row> rows = rows();
    assertEquals(44, rows.size());
    for (Row r : rows) {
      assertFalse(CORRUPTED.contains(r.file()), "no tsv row lies in a corrupted checkout: " + r.file());
    }
    List<String> problems = new ArrayList<>();
    int fromInf = matchRows("inf", rows, problems);
    int fromCheckout = matchRows("inf_checkout", rows, problems);
    System.out.printf("inf_security_addreg.tsv: %d/%d rows matched from inf/, %d/%d from inf_checkout/"
        + " (0 rows lie in the 2 corrupted files, which are rejected)%n", fromInf, rows.size(), fromCheckout, rows.size());
    assertEquals(List.of(), problems);
    assertEquals(44, fromInf);
    assertEquals(44, fromCheckout);
  }

  @Test
  void theOneRowReachedFromTwoHardwareSectionsYieldsOneValuePerReference() throws Exception {
    Path dir = InfCorpus.require("wds/inf");
    String file = "serial/VirtualSerial2/ComPort/virtualserial2um.inx";
    List<InfRegistryValue> atLine = resolve(dir, file).stream().filter(v -> v.location().line() == 93).toList();
    assertEquals(2, atLine.size());
    assertEquals(Set.of("virtualserial_install_win11.nt.hw", "virtualserial_install.nt.hw"),
        Set.of(atLine.get(0).referencedFrom().toLowerCase(Locale.ROOT), atLine.get(1).referencedFrom().toLowerCase(Locale.ROOT)));
    for (InfRegistryValue v : atLine) {
      assertEquals(RegistryKeyKind.HW, v.keyKind());
      assertEquals("DeviceType", v.valueName());
      assertEquals("0x10001", v.flags());
      assertEquals("0x0000001b", v.value());
      assertFalse(v.valueQuoted());
      assertEquals(0x10001L, v.flagsValue());
    }
  }

  @Test
  void exactValuesOfSomeRows() throws Exception {
    Path dir = InfCorpus.require("wds/inf");
    InfRegistryValue simbatt = resolve(dir, "simbatt/func/simbatt.inx").stream()
        .filter(v -> v.location().line() == 52).findFirst().orElseThrow();
    assertEquals("D:P(A;;GA;;;AU)(A;;GA;;;S-1-15-2-1)", simbatt.value());
    assertTrue(simbatt.valueQuoted());
    assertEquals("", simbatt.flags());
    assertEquals("HKR", simbatt.root());
    assertEquals("", simbatt.subkey());
    assertEquals("SimBatt_Device.NT.HW", simbatt.referencedFrom());
    assertEquals("simbatt/func/simbatt.inx:52", simbatt.location().toString());
    assertTrue(simbatt.isDeviceProperty());

    InfRegistryValue modem = resolve(dir, "network/modem/fakemodem/mdmfake.inx").stream()
        .filter(v -> v.location().line() == 158).findFirst().orElseThrow();
    assertEquals(RegistryKeyKind.SOFTWARE, modem.keyKind());
    assertEquals("ModemX.NT", modem.referencedFrom());
    assertEquals("DeviceType", modem.valueName());
    assertEquals("1", modem.flags());
    assertEquals("02", modem.value());

    // %% inside quotes is one percent sign
    InfRegistryValue event = resolve(dir, "network/modem/fakemodem/mdmfake.inx").stream()
        .filter(v -> v.location().line() == 150).findFirst().orElseThrow();
    assertEquals("%C3", event.value());
  }

  /** Every device-property HKR value the resolver yields, from any corpus file, is a tsv row: no extra ones. */
  @Test
  void noDevicePropertyValueOutsideTheTsv() throws Exception {
    Set<String> expected = new HashSet<>();
    for (Row r : rows()) {
      for (String[] ref : references(r)) {
        expected.add(key(r.file(), r.line(), ref[0], ref[1]));
      }
    }
    for (String dirName : List.of("inf", "inf_checkout")) {
      Path dir = InfCorpus.require("wds/" + dirName);
      Set<String> yielded = new TreeSet<>();
      for (Path p : InfCorpus.files(dir)) {
        String file = InfCorpus.rel(dir, p);
        if (dirName.equals("inf_checkout") && CORRUPTED.contains(file)) {
          continue;
        }
        for (InfRegistryValue v : resolve(dir, file)) {
          if (v.isDeviceProperty()) {
            yielded.add(key(file, v.location().line(), v.referencedFrom(), v.keyKind().name()));
          }
        }
      }
      assertEquals(new TreeSet<>(expected), yielded, dirName);
    }
  }

  private static String key(String file, int line, String from, String kind) {
    return file + ":" + line + " " + from.toLowerCase(Locale.ROOT) + " " + kind;
  }

  @Test
  void everyCorpusFileIsReadOrRejectedWithAnInfException() throws Exception {
    Map<String, String> rejected = new LinkedHashMap<>();
    StringBuilder counts = new StringBuilder();
    for (String dirName : List.of("inf", "inf_checkout", "inf_history")) {
      Path dir = InfCorpus.require("wds/" + dirName);
      int read = 0;
      int bad = 0;
      for (Path p : InfCorpus.files(dir)) {
        String file = InfCorpus.rel(dir, p);
        try {
          InfFile inf = reader.read(file, Files.readAllBytes(p));
          // every real INF has [Version]; autorun.inf is an AutoPlay file in INF syntax
          String first = file.endsWith("autorun.inf") ? "AutoRun" : "Version";
          assertNotNull(inf.section(first).orElse(null), file + " has a [" + first + "] section");
          read++;
        } catch (InfException e) {
          bad++;
          rejected.put(dirName + "/" + file, e.getMessage());
          assertEquals(file, e.file());
          assertTrue(e.getMessage().contains(file), e.getMessage());
        } catch (RuntimeException e) {
          fail(dirName + "/" + file + ": " + e, e);
        }
      }
      counts.append(String.format("%s: %d read, %d rejected; ", dirName, read, bad));
    }
    System.out.println(counts);
    rejected.forEach((f, m) -> System.out.println("rejected " + f + ": " + m));
    assertEquals(Set.of("inf_checkout/network/netadaptercx/netvadapter/km/netvadapter.inf",
        "inf_checkout/network/netadaptercx/netvadapter/um/netvadapterum.inf"), rejected.keySet());
  }

  @Test
  void corruptedCheckoutsAreRejectedWithFileOffsetAndLine() throws Exception {
    Path dir = InfCorpus.require("wds/inf_checkout");
    for (String file : CORRUPTED) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file));
      InfException e = assertThrows(InfException.class, () -> reader.read(file, bytes));
      assertEquals(InfException.ENCODING_ERROR, e.code());
      assertEquals(file, e.file());
      assertTrue(e.byteOffset() > 0 && e.byteOffset() < bytes.length, e.getMessage());
      // git's eol conversion injected a CR byte (0D 0A 00 for 0A 00) at byte 164, the end of line 1:
      // the text is shifted by one byte from the first code unit of line 2 on
      assertEquals(166, e.byteOffset(), e.getMessage());
      assertEquals(2, e.line(), e.getMessage());
      assertEquals(0x0D, bytes[164]);
      assertEquals(0x0A, bytes[165]);
      assertEquals(0x00, bytes[166]);
      assertTrue(e.detail().contains("byte offset " + e.byteOffset()), e.detail());
      assertTrue(e.detail().contains("misaligned"), e.detail());
      assertEquals(e.detail(), e.detail().toLowerCase(Locale.ROOT).replace(file.toLowerCase(Locale.ROOT), file));
      assertFalse(e.detail().endsWith("."), e.detail());
      // the same file via the Path overload names the path
      InfException viaPath = assertThrows(InfException.class, () -> reader.read(dir.resolve(file)));
      assertTrue(viaPath.getMessage().contains(dir.resolve(file).toString()), viaPath.getMessage());
    }
    byte[] km = Files.readAllBytes(dir.resolve("network/netadaptercx/netvadapter/km/netvadapter.inf"));
    assertEquals(1, km.length % 2, "the km checkout has an odd byte count");
    InfException e = assertThrows(InfException.class, () -> reader.read("km.inf", km));
    assertTrue(e.detail().contains("odd byte count (" + km.length + ")"), e.detail());
  }

  @Test
  void theBlobsOfTheCorruptedCheckoutsAreFineUtf16() throws Exception {
    Path dir = InfCorpus.require("wds/inf");
    for (String file : CORRUPTED) {
      InfFile inf = reader.read(dir.resolve(file));
      assertEquals("UTF-16LE", inf.encoding());
      assertTrue(inf.hasSection("version"));
    }
  }

  @Test
  void historyUtf16HasTheSddlAndTheUtf8ConversionAnEmptyValue() throws Exception {
    Path dir = InfCorpus.require("wds/inf_history");
    InfFile utf16 = reader.read(dir.resolve("WFPSamplerCalloutDriver.InX@24f280dc_utf16_with_sddl"));
    InfFile utf8 = reader.read(dir.resolve("WFPSamplerCalloutDriver.InX@220545ea_utf8_sddl_emptied"));
    assertEquals("UTF-16LE", utf16.encoding());
    assertEquals("UTF-8", utf8.encoding());
    InfRegistryValue withSddl = security(utf16);
    InfRegistryValue emptied = security(utf8);
    assertEquals(54, withSddl.location().line());
    assertEquals(54, emptied.location().line());
    assertEquals("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;LS)", withSddl.value());
    assertTrue(withSddl.valueQuoted());
    assertEquals("", emptied.value()); // the value field is present but empty: "", not null
    assertFalse(emptied.valueQuoted());
    for (InfRegistryValue v : List.of(withSddl, emptied)) {
      assertEquals(RegistryKeyKind.CLASS, v.keyKind());
      assertEquals("ClassInstall32.nt$ARCH$", v.referencedFrom());
      assertEquals("WFPCalloutsClassReg", v.section());
      assertEquals("", v.flags());
    }
  }

  private static InfRegistryValue security(InfFile inf) {
    List<InfRegistryValue> s = AddRegResolver.resolve(inf, "wfp").stream()
        .filter(v -> v.isDeviceProperty() && v.property().equals("Security")).toList();
    assertEquals(1, s.size(), s.toString());
    return s.get(0);
  }

  @Test
  void encodingsAgreeWithInfEncodingsTsv() throws Exception {
    List<String> lines = Files.readAllLines(InfCorpus.require("wds/inf_encodings.tsv"));
    assertEquals("file\tblob_encoding\tblob_eol\tcheckout_encoding\tcheckout_note", lines.get(0));
    Path blobs = InfCorpus.require("wds/inf");
    Path checkout = InfCorpus.require("wds/inf_checkout");
    int n = 0;
    for (String l : lines.subList(1, lines.size())) {
      String[] c = l.split("\t", -1);
      assertEquals(expectedEncoding(c[1]), reader.read(blobs.resolve(c[0])).encoding(), c[0]);
      if (c[3].contains("CORRUPT")) {
        assertTrue(CORRUPTED.contains(c[0]), c[0]);
        assertThrows(InfException.class, () -> reader.read(checkout.resolve(c[0])));
      } else {
        assertEquals(expectedEncoding(c[3]), reader.read(checkout.resolve(c[0])).encoding(), c[0]);
      }
      n++;
    }
    assertEquals(138, n);
  }

  private static String expectedEncoding(String tsv) {
    if (tsv.startsWith("UTF-16LE+BOM")) {
      return "UTF-16LE";
    }
    assertTrue(tsv.startsWith("UTF-8(no BOM)"), tsv);
    return "UTF-8";
  }

  /** The only thing the reader finds odd in the whole corpus is a real undefined key. */
  @Test
  void theOnlyDiagnosticInTheBlobsIsARealUndefinedKey() throws Exception {
    Path dir = InfCorpus.require("wds/inf");
    List<String> all = new ArrayList<>();
    for (Path p : InfCorpus.files(dir)) {
      InfFile inf = reader.read(InfCorpus.rel(dir, p), Files.readAllBytes(p));
      inf.diagnostics().forEach(d -> all.add(d.toString()));
    }
    assertEquals(List.of("network/netadaptercx/netvadapter/um/netvadapterum.inf:101: inf_undefined_string:"
        + " string key `%REG_SZ%` is not defined in `[strings]`"), all);
  }
}
