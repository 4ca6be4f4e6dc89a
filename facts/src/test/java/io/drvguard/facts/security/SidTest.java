package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");

  @Test
  void constantsHaveTheirWellKnownValuesAndAliases() {
    Map<Sid, String> expected = Map.ofEntries(
        Map.entry(Sid.LOCAL_SYSTEM, "S-1-5-18 SY"),
        Map.entry(Sid.BUILTIN_ADMINISTRATORS, "S-1-5-32-544 BA"),
        Map.entry(Sid.BUILTIN_USERS, "S-1-5-32-545 BU"),
        Map.entry(Sid.BUILTIN_GUESTS, "S-1-5-32-546 BG"),
        Map.entry(Sid.EVERYONE, "S-1-1-0 WD"),
        Map.entry(Sid.AUTHENTICATED_USERS, "S-1-5-11 AU"),
        Map.entry(Sid.INTERACTIVE, "S-1-5-4 IU"),
        Map.entry(Sid.NETWORK, "S-1-5-2 NU"),
        Map.entry(Sid.ANONYMOUS, "S-1-5-7 AN"),
        Map.entry(Sid.RESTRICTED, "S-1-5-12 RC"),
        Map.entry(Sid.LOCAL_SERVICE, "S-1-5-19 LS"),
        Map.entry(Sid.NETWORK_SERVICE, "S-1-5-20 NS"),
        Map.entry(Sid.CREATOR_OWNER, "S-1-3-0 CO"),
        Map.entry(Sid.CREATOR_GROUP, "S-1-3-1 CG"),
        Map.entry(Sid.OWNER_RIGHTS, "S-1-3-4 OW"),
        Map.entry(Sid.ALL_APP_PACKAGES, "S-1-15-2-1 AC"));
    expected.forEach((sid, text) -> assertEquals(text, sid + " " + sid.toSddl()));
  }

  @Test
  void parsesNumericSidsAndAliases() {
    assertEquals(Sid.LOCAL_SYSTEM, Sid.parse("S-1-5-18"));
    assertEquals(Sid.LOCAL_SYSTEM, Sid.parse("SY"));
    assertEquals(Sid.LOCAL_SYSTEM, Sid.parse("sy"));
    assertEquals(Sid.ALL_APP_PACKAGES, Sid.parse("AC"));
    assertEquals(Optional.of("SY"), Sid.parse("s-1-5-18").alias());
    assertEquals(Optional.empty(), Sid.parse("S-1-5-21-1-2-3-1001").alias());
    assertEquals("S-1-5-21-1-2-3-1001", Sid.parse("S-1-5-21-1-2-3-1001").toSddl());
    assertEquals("S-1-5-84-0-0-0-0-0", Sid.parse("UD").toString());
  }

  @Test
  void exposesItsParts() {
    Sid sid = Sid.parse("S-1-5-21-1-2-4294967295");
    assertEquals(1, sid.revision());
    assertEquals(5L, sid.identifierAuthority());
    assertEquals(List.of(21L, 1L, 2L, 4294967295L), sid.subAuthorities());
    assertEquals(4294967295L, sid.rid());
    assertEquals(Sid.parse("S-1-5-21-1-2-4294967295-7"), sid.child(7));
    assertTrue(sid.child(7).isDirectChildOf(sid));
    assertFalse(sid.child(7).child(8).isDirectChildOf(sid));
    assertEquals(-1, Sid.parse("S-1-5").rid());
    assertEquals("S-1-5", Sid.parse("S-1-5").toString());
  }

  @Test
  void everyFixedAliasRoundTrips() {
    for (String alias : SidAlias.fixedAliases()) {
      assertEquals(alias, Sid.parse(alias).toSddl(), alias);
      assertEquals(Optional.of(alias), Sid.parse(Sid.parse(alias).toString()).alias(), alias);
    }
    assertEquals(49, SidAlias.fixedAliases().size());
  }

  @Test
  void domainRelativeAliasesNeedADomain() {
    SddlException e = assertThrows(SddlException.class, () -> Sid.parse("LG"));
    assertEquals("sddl_parse_error at 0: sid alias `LG` needs a domain sid", e.getMessage());
    assertEquals(0, e.position());
    assertEquals(SddlException.PARSE_ERROR, e.code());
    for (String alias : SidAlias.domainAliases()) {
      assertThrows(SddlException.class, () -> Sid.parse(alias), alias);
      Sid sid = Sid.parse(alias, DOMAIN);
      assertTrue(sid.isDirectChildOf(DOMAIN), alias);
      assertEquals(alias, sid.toSddl(DOMAIN), alias);
      assertEquals(sid.toString(), sid.toSddl(), alias);
    }
    assertEquals(Sid.parse("S-1-5-21-1004336348-1177238915-682003330-501"), Sid.parse("LG", DOMAIN));
    assertEquals(Sid.parse("S-1-5-21-1004336348-1177238915-682003330-512"), Sid.parse("DA", DOMAIN));
    assertEquals(17, SidAlias.domainAliases().size());
  }

  @Test
  void readsNumbersAsConvertStringSidToSidDoes() {
    assertEquals("S-1-0x12A05F200-30-40", Sid.parse("S-1-5000000000-30-40").toString());
    assertEquals(5_000_000_000L, Sid.parse("S-1-0x12A05F200-30-40").identifierAuthority());
    assertEquals("S-1-3-4294967295-3-4", Sid.parse("S-1-3-4294967296-3-4").toString());
    assertEquals("S-1-5-21-1-2-3-513", Sid.parse("S-1-5-21-0x1-0x2-0x3-513").toString());
    // a hexadecimal revision makes Windows read every later number as hexadecimal
    assertEquals("S-1-32-0-1401", Sid.parse("S-0x1-20-0-579").toString());
    assertEquals("S-1-2-3", Sid.parse("S- 1- 2-3").toString());
    assertEquals(15, Sid.parse("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15").subAuthorities().size());
  }

  @Test
  void rejectsMalformedSidsWithAPosition() {
    assertError("S-1", 3, "sid `S-1` has no identifier authority");
    assertError("S-1-", 4, "expected a number in sid `S-1-`, found end of sid");
    assertError("S-2-5", 2, "unsupported sid revision `2`");
    assertError("S-1-5-x", 6, "expected a number in sid `S-1-5-x`, found `x`");
    assertError("S-1-5-21 ", 8, "unexpected ` ` in sid `S-1-5-21 `");
    assertError("S-1-0x1000000000000-1", 4, "sid identifier authority `0x1000000000000` exceeds 48 bits");
    assertError("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", 42,
        "sid `S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16` has more than 15 sub-authorities");
    assertError("XX", 0, "unknown sid alias `XX`");
    assertError("SYS", 0, "unknown sid alias `SYS`");
    assertError("", 0, "expected a sid");
  }

  private static void assertError(String text, int position, String detail) {
    SddlException e = assertThrows(SddlException.class, () -> Sid.parse(text));
    assertEquals("sddl_parse_error at " + position + ": " + detail, e.getMessage());
    assertEquals(position, e.position());
  }

  @Test
  void ordersAndComparesByValue() {
    assertEquals(Sid.parse("S-1-5-18"), Sid.of(5, 18));
    assertEquals(Sid.parse("S-1-5-18").hashCode(), Sid.of(5, 18).hashCode());
    assertTrue(Sid.of(5, 18).compareTo(Sid.of(5, 32, 544)) < 0);
    assertTrue(Sid.of(1, 0).compareTo(Sid.of(5, 18)) < 0);
    assertThrows(IllegalArgumentException.class, () -> Sid.of(5, 1L << 32));
  }
}
