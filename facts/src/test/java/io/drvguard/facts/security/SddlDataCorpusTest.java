package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * SDDL strings that Windows accepted (Samba's tests/data, ordinary ACE files) and the distinct
 * SDDL strings of Microsoft's driver samples.
 */
class SddlDataCorpusTest {
  private static final String DATA = "sddl/samba/libcli/security/tests/data/";

  static Map<String, List<Integer>> load(String file) throws IOException {
    Path p = SharedCorpus.require(DATA + file);
    try (InputStream raw = Files.newInputStream(p);
        InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return MiniJson.objectOfByteArrays(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void allParse(String file, int expectedTotal) throws IOException {
    Map<String, List<Integer>> data = load(file);
    List<String> failures = new ArrayList<>();
    for (String sddl : data.keySet()) {
      try {
        SecurityDescriptor sd = Sddl.parse(sddl, SddlWindowsVectorsTest.DOMAIN);
        // what drvguard prints must read back as the same descriptor
        String canonical = Sddl.format(sd, SddlWindowsVectorsTest.DOMAIN);
        if (!Sddl.parse(canonical, SddlWindowsVectorsTest.DOMAIN).equals(sd)) {
          failures.add("`" + sddl + "` does not re-read from `" + canonical + "`");
        }
      } catch (SddlException e) {
        failures.add("`" + sddl + "`: " + e.getMessage());
      }
    }
    System.out.println(file + ": " + (data.size() - failures.size()) + "/" + data.size() + " sddl strings parsed");
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
    assertEquals(expectedTotal, data.size());
  }

  /** Domain-relative aliases, which Windows resolved against its own machine or domain SID. */
  private static final java.util.regex.Pattern DOMAIN_ALIAS =
      java.util.regex.Pattern.compile("[;:](LA|LG|DA|DU|DG|DC|DD|CA|SA|EA|PA|CN|AP|KA|EK|RS|RO)(?=[)DGS]|$)");

  /**
   * Bonus check: the descriptor drvguard parses equals the self-relative descriptor Windows built
   * from the same string (decoded by {@link SelfRelativeDecoder}). Strings with domain-relative
   * aliases are left out: Windows resolved them against a domain we do not know.
   */
  private static void matchesWindowsBytes(String file) throws IOException {
    Map<String, List<Integer>> data = load(file);
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (Map.Entry<String, List<Integer>> e : data.entrySet()) {
      if (DOMAIN_ALIAS.matcher(e.getKey()).find()) {
        continue;
      }
      compared++;
      SecurityDescriptor windows = SelfRelativeDecoder.decode(e.getValue());
      SecurityDescriptor ours = Sddl.parse(e.getKey());
      if (!windows.equals(ours)) {
        failures.add("`" + e.getKey() + "`: windows `" + Sddl.format(windows) + "` drvguard `" + Sddl.format(ours) + "`");
      }
    }
    System.out.println(file + ": " + (compared - failures.size()) + "/" + compared
        + " descriptors equal to the bytes Windows built (" + (data.size() - compared) + " with domain aliases not compared)");
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
  }

  @Test
  void shortOrdinaryAclsMatchWindowsBytes() throws IOException {
    matchesWindowsBytes("short-ordinary-acls.json.gz");
  }

  @Test
  void shortOrdinaryAclsV2MatchWindowsBytes() throws IOException {
    matchesWindowsBytes("short-ordinary-acls-v2.json.gz");
  }

  @Test
  void registryObjectRightsMatchWindowsBytes() throws IOException {
    matchesWindowsBytes("registry-object-rights.json");
  }

  @Test
  void oversizeAclsMatchWindowsBytes() throws IOException {
    matchesWindowsBytes("oversize-acls.json");
  }

  @Test
  void shortOrdinaryAclsParse() throws IOException {
    allParse("short-ordinary-acls.json.gz", 7140);
  }

  @Test
  void shortOrdinaryAclsV2Parse() throws IOException {
    allParse("short-ordinary-acls-v2.json.gz", 117);
  }

  @Test
  void registryObjectRightsParse() throws IOException {
    allParse("registry-object-rights.json", 11);
  }

  @Test
  void oversizeAclsParse() throws IOException {
    allParse("oversize-acls.json", 9);
  }

  /**
   * Every SDDL string of the driver samples parses. {@code <EMPTY VALUE>} is the TSV's marker for
   * an INF {@code Security} value left empty; the empty string is a valid (empty) descriptor for
   * Windows (Samba's data holds {@code ""}), and flagging the empty INF value is INF-2's job.
   */
  @Test
  void driverSampleSddlStringsParse() throws IOException {
    Path p = SharedCorpus.require("sddl/wds_sddl_strings.tsv");
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    List<String> failures = new ArrayList<>();
    int total = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String sddl = line.substring(0, line.indexOf('\t'));
      if (sddl.equals("<EMPTY VALUE>")) {
        sddl = "";
      }
      total++;
      try {
        Sddl.parse(sddl);
      } catch (SddlException e) {
        failures.add("`" + sddl + "`: " + e.getMessage());
      }
    }
    System.out.println("wds_sddl_strings.tsv: " + (total - failures.size()) + "/" + total + " sddl strings parsed");
    assertEquals(List.of(), failures);
    assertEquals(10, total);
  }
}
