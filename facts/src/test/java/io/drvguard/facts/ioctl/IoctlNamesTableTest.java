package io.drvguard.facts.ioctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks the embedded {@link IoctlNames} table against {@code constants/devioctl.tsv} (values as
 * mingw-w64's copies of the SDK headers define them). The tsv values are resolved here with a
 * small independent reader (literals, parentheses, and references to other rows), not with the
 * evaluator under test.
 */
class IoctlNamesTableTest {

  @Test
  void embeddedTableMatchesDevioctlTsv() throws IOException {
    List<String> lines = Files.readAllLines(SharedCorpus.require("constants/devioctl.tsv"), StandardCharsets.UTF_8);
    assertEquals(List.of("name", "value", "source"), List.of(lines.get(0).split("\t")));
    Map<String, String> raw = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      raw.put(f[0], f[1].strip());
    }
    assertEquals(101, raw.size(), "devioctl.tsv rows");

    Map<String, Long> expected = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      expected.put(name, resolve(name, raw, 0));
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      Long actual = IoctlNames.all().get(e.getKey());
      if (actual == null) {
        problems.add("missing " + e.getKey());
      } else if (!actual.equals(e.getValue())) {
        problems.add(e.getKey() + ": table " + actual + ", tsv " + e.getValue());
      }
    }
    TreeSet<String> extra = new TreeSet<>(IoctlNames.all().keySet());
    extra.removeAll(expected.keySet());
    extra.forEach(n -> problems.add("not in devioctl.tsv: " + n));
    assertEquals(List.of(), problems);
    assertEquals(expected.size(), IoctlNames.all().size());
    System.out.println("devioctl.tsv: " + expected.size() + "/" + raw.size()
        + " names present in the embedded table with the same value");

    // spot checks against the headers, independent of the tsv
    assertEquals(0x22L, expected.get("FILE_DEVICE_UNKNOWN"));
    assertEquals(7L, expected.get("FILE_DEVICE_DISK"));
    assertEquals(0L, expected.get("FILE_SPECIAL_ACCESS"));
    assertEquals(2L, expected.get("METHOD_DIRECT_FROM_HARDWARE"));
  }

  @Test
  void everyDeviceTypeNameMapsBackCanonically() {
    IoctlNames.all().forEach((name, value) -> {
      if (name.startsWith("FILE_DEVICE_")) {
        // no two FILE_DEVICE_* names share a value today, so each is its own canonical name
        assertEquals(Optional.of(name), IoctlNames.deviceTypeName(value.intValue()), name);
        CtlCode c = new CtlCode(value.intValue(), 0x800, 0, 0);
        assertTrue(c.toString().startsWith("CTL_CODE(" + name + ", "), c.toString());
        assertEquals(c, CtlCode.parse(c.toString()));
      }
    });
  }

  /** Resolves a tsv value: a decimal/hex literal, optionally parenthesised, or another row's name. */
  private static long resolve(String name, Map<String, String> raw, int depth) {
    if (depth > 5) {
      throw new AssertionError("cyclic definition at " + name);
    }
    String v = raw.get(name);
    if (v == null) {
      throw new AssertionError("undefined name in devioctl.tsv: " + name);
    }
    while (v.startsWith("(") && v.endsWith(")")) {
      v = v.substring(1, v.length() - 1).strip();
    }
    if (v.matches("0[xX][0-9a-fA-F]+")) {
      return Long.parseLong(v.substring(2), 16);
    }
    if (v.matches("[0-9]+")) {
      return Long.parseLong(v);
    }
    if (v.matches("[A-Z_][A-Z0-9_]*")) {
      return resolve(v, raw, depth + 1);
    }
    throw new AssertionError("unexpected value form for " + name + ": " + v);
  }
}
