package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceObjectSddlTest {
  private static void ok(String sddl) {
    assertEquals(List.of(), DeviceObjectSddl.problems(sddl), sddl);
    assertTrue(DeviceObjectSddl.isValid(sddl));
  }

  private static void bad(String sddl, String... problems) {
    assertEquals(List.of(problems), DeviceObjectSddl.problems(sddl), sddl);
    assertFalse(DeviceObjectSddl.isValid(sddl));
  }

  @Test
  void acceptsTheDocumentedSubset() {
    ok("D:P(A;;GA;;;SY)");
    ok("D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)");
    ok("D:P(A;;0x1200a9;;;WD)");
    ok("D:P(A;;GA;;;SY)(A;;GR;;;S-1-5-21-1-2-3-1001)");
    ok("D:P(A;;RCSDWDWO;;;LS)(A;;GX;;;NS)(A;;GR;;;BU)(A;;GR;;;BG)(A;;GR;;;AU)(A;;GR;;;AN)(A;;GR;;;IU)(A;;GR;;;RC)");
    ok("D:P");
  }

  @Test
  void networkLogonAndUserModeDriversAreDocumentedAliases() {
    ok("D:P(A;;GA;;;SY)(A;;GR;;;NU)");
    ok("D:P(A;;GA;;;SY)(A;;GRGW;;;UD)");
    // before Windows 8 UD is not an alias of the subset: the page asks for its full form
    assertEquals(List.of("at 26: sid `UD` is an alias of the device-object subset only from Windows 8 on;"
        + " for an older target write its full form `S-1-5-84-0-0-0-0-0`"),
        DeviceObjectSddl.problems("D:P(A;;GA;;;SY)(A;;GRGW;;;UD)", false));
    assertEquals(List.of(), DeviceObjectSddl.problems("D:P(A;;GA;;;SY)(A;;GRGW;;;S-1-5-84-0-0-0-0-0)", false));
    assertEquals(List.of(), DeviceObjectSddl.problems("D:P(A;;GA;;;SY)(A;;GR;;;NU)", false));
  }

  @Test
  void rejectsEverythingElseWithPositions() {
    bad("D:(A;;GA;;;SY)", "at 2: the dacl must be exactly `D:P` (protected, no other flags), found `D:(A;;GA;;;SY)`");
    bad("D:PAI(A;;GA;;;SY)", "at 2: the dacl must be exactly `D:P` (protected, no other flags), found `D:PAI(A;;GA;;;SY)`");
    bad("D:P(D;;GA;;;WD)", "at 4: ace type `D` is outside the device-object subset (only `A`)");
    bad("O:BAD:P(A;;GA;;;SY)", "at 0: only a dacl starting with `D:P` is allowed, found `O:BAD:P(A;;GA;;;SY)`");
    bad("D:P(A;CI;GA;;;SY)", "at 6: ace flags `CI` are outside the device-object subset (none allowed)");
    bad("D:P(A;;FA;;;SY)", "at 7: access right `FA` is outside the device-object subset (hex or GA GR GW GX RC SD WD WO)");
    bad("D:P(A;;GA;;;AC)", "at 12: sid `AC` is outside the device-object subset (documented aliases or `S-1-…`)");
    bad("D:P(A;;GA;;;SY)S:(AU;SA;GA;;;WD)",
        "at 15: only `(A;;ACCESS;;;SID)` entries may follow `D:P`, found `S:(AU;SA;GA;;;WD)`");
    bad("D:P(A;;GA;;;SY) ", "at 15: only `(A;;ACCESS;;;SID)` entries may follow `D:P`, found ` `");
    bad("D:P(A;;;;;SY)", "at 7: empty access mask");
    bad("D:P(A;;16;;;SY)", "at 7: access right `16` is outside the device-object subset (hex or GA GR GW GX RC SD WD WO)");
    bad("D:P(OA;;GA;f30e3bbe-9ff0-11d1-b603-0000f80367c1;;SY)",
        "at 4: ace type `OA` is outside the device-object subset (only `A`)",
        "at 11: object type guids are outside the device-object subset");
    bad("D:P(D;CI;FA;;;LW)",
        "at 4: ace type `D` is outside the device-object subset (only `A`)",
        "at 6: ace flags `CI` are outside the device-object subset (none allowed)",
        "at 9: access right `FA` is outside the device-object subset (hex or GA GR GW GX RC SD WD WO)",
        "at 14: sid `LW` is outside the device-object subset (documented aliases or `S-1-…`)");
    bad("", "at 0: only a dacl starting with `D:P` is allowed, found ``");
  }

  @Test
  void unparsableStringsAreOneProblemNotACrash() {
    bad("D:P(Antlers;;GA;;;SY)", "at 4: unparsable sddl: unknown ace type `Antlers`");
    bad("D:P(A;;GA;;;LG)", "at 12: unparsable sddl: sid alias `LG` needs a domain sid");
    bad("D:P(A;;GA;;;SY", "at 3: unparsable sddl: unterminated ace `(A;;GA;;;SY`");
    bad("D:P(XA;;GA;;;SY;(Member_of {SID(BA)}))",
        "at 4: unparsable sddl: ace type `XA` (conditional, callback or resource attribute ace) is not supported");
  }

  /** The driver samples' strings: only the file-rights one and the empty value are outside the subset. */
  @Test
  void driverSampleStrings() throws IOException {
    List<String> lines = Files.readAllLines(SharedCorpus.require("sddl/wds_sddl_strings.tsv"), StandardCharsets.UTF_8);
    List<String> outside = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String sddl = line.substring(0, line.indexOf('\t'));
      if (!DeviceObjectSddl.isValid(sddl)) {
        outside.add(sddl);
      }
    }
    assertEquals(List.of("<EMPTY VALUE>", "D:P(A;;FRFW;;;WD)(A;;FRFW;;;RC)(A;;FRFW;;;AC)"), outside);
  }
}
