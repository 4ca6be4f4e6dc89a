package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} of long generated scenarios, run in process: every step is decided and
 * reported, and the counts are right. (Bounded memory itself is measured by {@code bench/memory.sh},
 * which runs a million steps in a JVM with a small heap.)
 */
class LongScenarioTest {
  static final Path PACKAGE = Path.of("../examples/toastbus-fixed").toAbsolutePath().normalize();

  @TempDir Path dir;

  /**
   * {@code steps} steps against toastbus-fixed, in fours: SYSTEM opens pdo0 (allow, expected), two
   * IOCTLs on that handle (allow; the first expected), alice opens pdo1 (deny, expected). Written
   * the way {@code bench/memory.sh} writes its scenario.
   */
  static Path scenario(Path dir, int steps, String extraLastStep) throws IOException {
    Path file = dir.resolve("long.scenario.yaml");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("scenario: long\npackage: '" + PACKAGE + "'\ntarget: win10\nprincipals:\n"
          + "  system: { user: SY, groups: [WD, BA] }\n"
          + "  alice: { user: 'S-1-5-21-1-2-3-1001', groups: [WD, AU, BU, IU] }\nsteps:\n");
      for (int i = 1; i <= steps; i++) {
        w.write("  - id: s" + i + "\n");
        w.write(switch (i % 4) {
          case 1 -> "    open: { as: system, path: '\\Device\\ToastPdo0', access: [FILE_READ_DATA, FILE_WRITE_DATA] }\n"
              + "    handle: h1\n    expect: { decision: allow }\n";
          case 2 -> "    ioctl: { handle: h1, code: IOCTL_TOAST_EJECT }\n    expect: { decision: allow }\n";
          case 3 -> "    ioctl: { handle: h1, code: IOCTL_TOAST_GET_STATUS }\n";
          default -> "    open: { as: alice, path: '\\Device\\ToastPdo1', access: [FILE_READ_DATA] }\n"
              + "    expect: { decision: deny, status: STATUS_ACCESS_DENIED }\n";
        });
      }
      w.write(extraLastStep);
    }
    return file;
  }

  @Test
  void twoHundredThousandStepsAreAllDecidedAndCounted() throws Exception {
    int n = 200_000;
    Path out = dir.resolve("report.json");
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--format", "json", "--output", out.toString(),
        scenario(dir, n, "").toString());
    assertEquals(0, r.code(), r.err());

    long decisions = 0;
    String first = null;
    String last = null;
    JsonNode summary = null;
    ObjectMapper mapper = new ObjectMapper();
    // read as a stream too: the report of 200,000 decisions is some 90 MB of JSON
    try (JsonParser p = new JsonFactory(mapper).createParser(out.toFile())) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("decisions")) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode d = mapper.readTree(p);
            decisions++;
            first = first == null ? d.path("step").asText() : first;
            last = d.path("step").asText();
            assertTrue(d.path("met").isNull() || d.path("met").asBoolean(), d.toString());
          }
        } else if (field.equals("summary")) {
          summary = mapper.readTree(p);
        } else {
          p.skipChildren();
        }
      }
    }
    assertEquals(n, decisions);
    assertEquals("s1", first);
    assertEquals("s" + n, last);
    assertEquals(n / 4 * 3, summary.path("decisions").path("allow").asLong());
    assertEquals(n / 4, summary.path("decisions").path("deny").asLong());
    assertEquals(n / 4 * 3, summary.path("expectations").path("passed").asLong());
    assertEquals(0, summary.path("expectations").path("failed").asLong());
  }

  @Test
  void aBadStepLateInTheFileIsExit2WithItsLineAndTheStepsBeforeItReported() throws Exception {
    int n = 2_000;
    Path file = scenario(dir, n, "  - id: bad\n    ioctl: { handle: h7, code: IOCTL_TOAST_EJECT }\n");
    int badLine = Files.readAllLines(file).size();
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", file.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(file + ":" + badLine + ":14: scenario_unknown_handle: `steps[" + n
        + "].ioctl.handle` names `h7`"), r.err());
    assertTrue(r.out().contains(": s" + n + " open alice \\Device\\ToastPdo1 -> deny"), "steps before it ran");
    assertTrue(r.out().contains(n + " decisions (" + n / 4 * 3 + " allow, " + n / 4 + " deny)"), r.out());
    assertTrue(r.out().contains("1 input could not be read"), r.out());
  }
}
