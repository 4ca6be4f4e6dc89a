package io.drvguard.facts.security;

import static io.drvguard.facts.security.AccessMask.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessMaskTest {
  @Test
  void fileCompositesAreTheWindowsSums() {
    assertEquals(READ_CONTROL | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE, FILE_GENERIC_READ);
    assertEquals(READ_CONTROL | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | FILE_APPEND_DATA | SYNCHRONIZE,
        FILE_GENERIC_WRITE);
    assertEquals(READ_CONTROL | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE, FILE_GENERIC_EXECUTE);
    assertEquals(STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF, FILE_ALL_ACCESS);
    assertEquals(0x120089, FILE_GENERIC_READ);
    assertEquals(0x120116, FILE_GENERIC_WRITE);
    assertEquals(0x1200A0, FILE_GENERIC_EXECUTE);
    assertEquals(0x1F01FF, FILE_ALL_ACCESS);
    assertEquals(0x1F0001, MUTANT_ALL_ACCESS);
    assertEquals(0x1F0003, EVENT_ALL_ACCESS);
    assertEquals(0x1F0003, SEMAPHORE_ALL_ACCESS);
    assertEquals(0xF001F, SECTION_ALL_ACCESS);
    assertEquals(0x80000000, GENERIC_READ);
  }

  @Test
  void objectRightsAreNamedAfterTheirOwnTypeEvenWhereMappingsAreEqual() {
    // the event and semaphore mappings have the same values, the rights' names differ
    assertEquals(GenericMapping.EVENT, GenericMapping.SEMAPHORE);
    assertEquals("SEMAPHORE_MODIFY_STATE|SYNCHRONIZE", describe(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, GenericMapping.SEMAPHORE));
    assertEquals("EVENT_MODIFY_STATE|SYNCHRONIZE", describe(SYNCHRONIZE | EVENT_MODIFY_STATE, GenericMapping.EVENT));
    assertEquals("MUTANT_QUERY_STATE|SYNCHRONIZE", describe(SYNCHRONIZE | MUTANT_QUERY_STATE, GenericMapping.MUTEX));
  }

  /** The CTL_CODE access names agree with the public headers (corpus/constants/devioctl.tsv). */
  @Test
  void ioctlAccessNamesMatchTheHeaders() throws IOException {
    List<String> lines = Files.readAllLines(SharedCorpus.require("constants/devioctl.tsv"), StandardCharsets.UTF_8);
    int checked = 0;
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f[0].matches("FILE_(ANY|READ|WRITE)_ACCESS|FILE_(READ|WRITE)_DATA")) {
        String v = f[1].replace("(", "").replace(")", "");
        assertEquals(Integer.decode(v), parseName(f[0]), f[0]);
        checked++;
      }
    }
    assertEquals(5, checked);
  }

  @Test
  void parsesSddlRightCodesAndNumbers() {
    assertEquals(GENERIC_ALL, parseSddlRights("GA"));
    assertEquals(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE, parseSddlRights("GRGWGX"));
    assertEquals(GENERIC_READ, parseSddlRights("gr"));
    assertEquals(FILE_ALL_ACCESS, parseSddlRights("FA"));
    assertEquals(FILE_GENERIC_READ | FILE_GENERIC_WRITE, parseSddlRights("FRFW"));
    assertEquals(KEY_ALL_ACCESS, parseSddlRights("KA"));
    assertEquals(KEY_READ, parseSddlRights("KR"));
    assertEquals(NO_WRITE_UP | NO_READ_UP | NO_EXECUTE_UP, parseSddlRights("NWNRNX"));
    assertEquals(0x1F01FF, parseSddlRights("CCDCLCSWRPWPDTLOCRSDRCWDWO") | SYNCHRONIZE);
    assertEquals(READ_CONTROL | DELETE | WRITE_DAC | WRITE_OWNER, parseSddlRights("RCSDWDWO"));
    assertEquals(0x1200a9, parseSddlRights("0x1200a9"));
    assertEquals(0x1200a9, parseSddlRights("0X1200A9"));
    assertEquals(16, parseSddlRights("16"));
    assertEquals(8, parseSddlRights("010"));
    assertEquals(0, parseSddlRights(""));
    assertEquals(0, parseSddlRights("0"));
    assertEquals(0xffffffff, parseSddlRights("-1"));
    assertEquals(0xffffffff, parseSddlRights("0x123456789"));
    assertEquals(GENERIC_ALL, parseSddlRights("  GA"));
    assertEquals(READ_CONTROL | ADS_READ_PROP, parseSddlRights("RP  RC"));
    assertTrue(isSddlRight("KX"));
    assertFalse(isSddlRight("ZZ"));
  }

  @Test
  void rejectsMalformedRightsWithAPosition() {
    assertError("GA ", 2, "trailing whitespace after access rights `GA `");
    assertError("GX ZZ", 3, "unknown access right `ZZ`");
    assertError("G", 0, "unknown access right `G`");
    assertError("RP\tLC", 2, "unknown access right `\tL`");
    assertError("12 ", 2, "unexpected ` ` in access mask `12 `");
    assertError("0x 1", 1, "unexpected `x` in access mask `0x 1`");
    assertError("-", 1, "invalid access mask `-`");
  }

  private static void assertError(String text, int position, String detail) {
    SddlException e = assertThrows(SddlException.class, () -> parseSddlRights(text));
    assertEquals("sddl_parse_error at " + position + ": " + detail, e.getMessage());
  }

  @Test
  void formatsRightsAsWindowsDoes() {
    assertEquals("", formatSddlRights(0));
    assertEquals("GA", formatSddlRights(GENERIC_ALL));
    assertEquals("GXGWGR", formatSddlRights(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE));
    assertEquals("FA", formatSddlRights(FILE_ALL_ACCESS));
    assertEquals("FR", formatSddlRights(FILE_GENERIC_READ));
    assertEquals("FW", formatSddlRights(FILE_GENERIC_WRITE));
    assertEquals("FX", formatSddlRights(FILE_GENERIC_EXECUTE));
    assertEquals("KA", formatSddlRights(KEY_ALL_ACCESS));
    assertEquals("KR", formatSddlRights(KEY_READ));
    assertEquals("KW", formatSddlRights(KEY_WRITE));
    assertEquals("CCDCLCSWRPWPDTLOCR", formatSddlRights(0x1ff));
    assertEquals("SDRCWDWOGXGWGR", formatSddlRights(0xe00f0000));
    assertEquals("0x1200a9", formatSddlRights(0x1200a9));
    assertEquals("0x201f01ff", formatSddlRights(FILE_ALL_ACCESS | GENERIC_EXECUTE));
    assertEquals("0x100000", formatSddlRights(SYNCHRONIZE));
    assertEquals("0xffffffff", formatSddlRights(-1));
    assertEquals("NW", formatSddlRights(NO_WRITE_UP, AceType.MANDATORY_LABEL));
    assertEquals("NWNRNX", formatSddlRights(7, AceType.MANDATORY_LABEL));
    assertEquals("CC", formatSddlRights(1, AceType.ACCESS_ALLOWED));
    assertEquals("RC", formatSddlRights(READ_CONTROL, AceType.MANDATORY_LABEL));
  }

  @Test
  void parsesAndListsRightNames() {
    assertEquals(FILE_READ_DATA, parseName("FILE_READ_DATA"));
    assertEquals(SYNCHRONIZE, parseName("SYNCHRONIZE"));
    assertEquals(GENERIC_READ | SYNCHRONIZE, parseName("GENERIC_READ | SYNCHRONIZE"));
    assertEquals(0x10, parseName("0x10"));
    assertEquals(MUTANT_QUERY_STATE, parseName("MUTANT_QUERY_STATE"));
    assertEquals(SECTION_MAP_READ, parseName("SECTION_MAP_READ"));
    assertEquals(0, parseName("FILE_ANY_ACCESS"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parseName("FILE_READ_DATA|FOO"));
    assertEquals("unknown access right `FOO`", e.getMessage());
    assertEquals("empty access right name", assertThrows(IllegalArgumentException.class, () -> parseName(" ")).getMessage());
    assertEquals(List.of("FILE_READ_DATA", "FILE_READ_EA", "FILE_READ_ATTRIBUTES", "READ_CONTROL", "SYNCHRONIZE"),
        names(FILE_GENERIC_READ));
    assertEquals(List.of("0x200", "GENERIC_READ"), names(0x200 | GENERIC_READ));
    assertEquals(List.of(), names(0));
    assertEquals("0", describe(0));
    assertEquals("MUTANT_QUERY_STATE|SYNCHRONIZE", describe(0x100001, GenericMapping.MUTEX));
    assertEquals("SECTION_QUERY|SECTION_MAP_READ|READ_CONTROL", describe(0x20005, GenericMapping.SECTION));
    for (String name : List.of("FILE_WRITE_DATA", "DELETE", "WRITE_DAC", "WRITE_OWNER", "ACCESS_SYSTEM_SECURITY",
        "MAXIMUM_ALLOWED", "GENERIC_ALL", "GENERIC_EXECUTE", "GENERIC_WRITE")) {
      assertEquals(List.of(name), names(parseName(name)));
    }
  }
}
