package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Samba's SDDL vectors whose expected side Windows itself produced
 * (corpus/sddl/samba/libcli/security/tests/windows). Domain-relative aliases (LG, LA, DU…) are
 * resolved against {@link #DOMAIN}, a domain SID that occurs in none of the vectors.
 */
class SddlWindowsVectorsTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");
  private static final String DIR = "sddl/samba/libcli/security/tests/windows/";
  /** Conditional (callback) and resource-attribute ACE types, which drvguard does not model. */
  private static final Pattern CONDITIONAL = Pattern.compile("\\((XA|XD|ZA|XU|RA);");

  record Vector(int line, String input, String expected) {}

  static List<Vector> vectors(String file) throws IOException {
    Path p = SharedCorpus.require(DIR + file);
    List<Vector> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      int sep = line.indexOf(" -> ");
      assertTrue(sep >= 0, file + ":" + (i + 1) + " has no ` -> `");
      out.add(new Vector(i + 1, line.substring(0, sep), line.substring(sep + 4)));
    }
    return out;
  }

  private static void roundTrips(String file, int expectedTotal) throws IOException {
    List<Vector> all = vectors(file);
    List<String> failures = new ArrayList<>();
    int total = 0;
    for (Vector v : all) {
      if (CONDITIONAL.matcher(v.input()).find()) {
        continue;
      }
      total++;
      try {
        String got = Sddl.format(Sddl.parse(v.input(), DOMAIN), DOMAIN);
        if (!got.equals(v.expected())) {
          failures.add(file + ":" + v.line() + " expected `" + v.expected() + "` got `" + got + "`");
        }
      } catch (SddlException e) {
        failures.add(file + ":" + v.line() + " rejected: " + e.getMessage());
      }
    }
    System.out.println(file + ": " + (total - failures.size()) + "/" + total + " vectors passed");
    assertEquals(List.of(), failures);
    assertEquals(expectedTotal, total);
  }

  private static void rejects(String file, int expectedTotal) throws IOException {
    List<Vector> all = vectors(file);
    List<String> failures = new ArrayList<>();
    for (Vector v : all) {
      try {
        SecurityDescriptor sd = Sddl.parse(v.input(), DOMAIN);
        failures.add(file + ":" + v.line() + " accepted as `" + Sddl.format(sd, DOMAIN) + "`");
      } catch (SddlException e) {
        if (e.position() < 0 || e.position() > v.input().length()) {
          failures.add(file + ":" + v.line() + " position out of range: " + e.getMessage());
        }
        if (!e.getMessage().startsWith(e.code() + " at " + e.position() + ": ")) {
          failures.add(file + ":" + v.line() + " malformed message: " + e.getMessage());
        }
      }
    }
    System.out.println(file + ": " + (all.size() - failures.size()) + "/" + all.size() + " vectors rejected");
    assertEquals(List.of(), failures);
    assertEquals(expectedTotal, all.size());
  }

  @Test
  void canonicalVectorsRoundTripUnchanged() throws IOException {
    roundTrips("canonical.txt", 19);
  }

  @Test
  void nonCanonicalVectorsFormatAsWindowsDoes() throws IOException {
    roundTrips("non_canonical.txt", 50);
  }

  @Test
  void shouldFailVectorsAreRejectedWithAPosition() throws IOException {
    rejects("should_fail.txt", 47);
  }

  /** Whitespace and case that Windows tolerates (Samba does not). */
  @Test
  void windowsIsLessFussyVectorsAreAcceptedAsWindowsDoes() throws IOException {
    roundTrips("windows_is_less_fussy.txt", 23);
  }

  /** Overflowing and negative numbers, hexadecimal SID revisions: Windows' wcstoul behaviour. */
  @Test
  void windowsIsWeirdVectorsFollowWindows() throws IOException {
    roundTrips("windows_is_weird.txt", 10);
  }

  /** Windows refuses audit ACEs in a DACL; drvguard models Windows, so these are rejected. */
  @Test
  void windowsIsFussyVectorsAreRejectedAsWindowsDoes() throws IOException {
    rejects("windows_is_fussy.txt", 1);
  }
}
