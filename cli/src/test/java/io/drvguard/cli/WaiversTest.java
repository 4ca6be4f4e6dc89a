package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiversTest {
  @TempDir Path dir;

  private Path write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static final String PKG = """
      driver: {name: legacy11, role: function}
      ioctls:
        - {name: IOCTL_L11_QUERY, code: 'CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)', changesState: true}
      """;

  @Test
  void waivedFindingStaysMarkedAndDoesNotFail() throws Exception {
    Path pkg = write("p/drvguard.yaml", PKG).getParent();
    Path waivers = write("w.yaml", """
        waivers:
          - requirement: IOCTL-3
            package: legacy*
            subject: IOCTL_L11_QUERY
            reason: returns the driver version string only
            expires: 2999-06-30
        """);
    assertEquals(1, CheckCommandTest.run("check", pkg.toString()).code());
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--format", "json", "--waivers", waivers.toString(), pkg.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode v = new ObjectMapper().readTree(r.out()).path("violations").get(0);
    assertEquals("IOCTL-3", v.path("requirement").asText());
    assertTrue(v.path("waived").asBoolean());
    assertEquals("returns the driver version string only", v.path("waiverReason").asText());
    assertEquals(0, new ObjectMapper().readTree(r.out()).path("summary").path("violations").path("error").asInt());
    // SARIF: the waiver's reason justifies the suppression
    CheckCommandTest.Run sarif = CheckCommandTest.run("check", "--format", "sarif", "--waivers", waivers.toString(),
        pkg.toString());
    JsonNode suppression = new ObjectMapper().readTree(sarif.out()).path("runs").get(0).path("results").get(0)
        .path("suppressions").get(0);
    assertEquals("external", suppression.path("kind").asText());
    assertEquals("returns the driver version string only", suppression.path("justification").asText());
    CheckCommandTest.Run t = CheckCommandTest.run("check", "--waivers", waivers.toString(), pkg.toString());
    assertTrue(t.out().contains("error (waived):"), t.out());
  }

  @Test
  void expiredWaiverNoLongerAppliesAndIsReported() throws Exception {
    Path pkg = write("p/drvguard.yaml", PKG).getParent();
    Path waivers = write("w.yaml", """
        waivers:
          - rule: UserModeIoctlAnyAccessChangesState
            reason: temporary
            expires: 2020-01-31
        """);
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--waivers", waivers.toString(), pkg.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(waivers + ":2:5: note: waiver_expired: the waiver of rule `UserModeIoctlAnyAccessChangesState`"),
        r.err());
    assertFalse(r.out().contains("(waived)"), r.out());
  }

  @Test
  void unusedWaiverIsReported() throws Exception {
    Path pkg = write("p/drvguard.yaml", PKG).getParent();
    Path waivers = write("w.yaml", "waivers:\n  - {requirement: OBJ-1, reason: nothing to waive}\n");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--waivers", waivers.toString(), pkg.toString());
    assertTrue(r.err().contains("note: waiver_unused: the waiver of requirement `OBJ-1` for package `*` subject `*` matched no finding"),
        r.err());
  }

  @Test
  void aWaiverNeedsAReason() throws Exception {
    Path pkg = write("p/drvguard.yaml", PKG).getParent();
    Path waivers = write("w.yaml", "waivers:\n  - {requirement: IOCTL-3}\n");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--waivers", waivers.toString(), pkg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("waivers_missing_key: missing required key `waivers[0].reason`"), r.err());
  }
}
