package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SddlTest {
  static final Sid DOMAIN = SddlWindowsVectorsTest.DOMAIN;

  @Test
  void buildsTheModel() {
    SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:P(A;OICI;FA;;;BA)(D;;GW;;;WD)S:AI(AU;SAFA;GA;;;WD)");
    assertEquals(Optional.of(Sid.BUILTIN_ADMINISTRATORS), sd.owner());
    assertEquals(Optional.of(Sid.LOCAL_SYSTEM), sd.group());
    Acl dacl = sd.dacl().orElseThrow();
    assertEquals(Set.of(AclFlag.PROTECTED), dacl.flags());
    assertEquals(List.of(
        new Ace(AceType.ACCESS_ALLOWED, Set.of(AceFlag.OBJECT_INHERIT, AceFlag.CONTAINER_INHERIT),
            AccessMask.FILE_ALL_ACCESS, Optional.empty(), Optional.empty(), Sid.BUILTIN_ADMINISTRATORS),
        Ace.deny(AccessMask.GENERIC_WRITE, Sid.EVERYONE)), dacl.aces());
    Acl sacl = sd.sacl().orElseThrow();
    assertEquals(Set.of(AclFlag.AUTO_INHERITED), sacl.flags());
    assertEquals(Set.of(AceFlag.SUCCESSFUL_ACCESS, AceFlag.FAILED_ACCESS), sacl.aces().get(0).flags());
    assertEquals("O:BAG:SYD:P(A;OICI;FA;;;BA)(D;;GW;;;WD)S:AI(AU;SAFA;GA;;;WD)", sd.toSddl());
  }

  @Test
  void distinguishesAbsentNullAndEmptyDacls() {
    SecurityDescriptor absent = Sddl.parse("O:SY");
    assertEquals(Optional.empty(), absent.dacl());
    assertTrue(absent.hasNullDacl());
    SecurityDescriptor nul = Sddl.parse("D:NO_ACCESS_CONTROL");
    assertTrue(nul.dacl().orElseThrow().isNull());
    assertTrue(nul.hasNullDacl());
    assertEquals("D:NO_ACCESS_CONTROL", nul.toSddl());
    assertEquals("D:PNO_ACCESS_CONTROL", Sddl.parse("D:PNO_ACCESS_CONTROL").toSddl());
    SecurityDescriptor empty = Sddl.parse("D:");
    assertFalse(empty.hasNullDacl());
    assertEquals(List.of(), empty.dacl().orElseThrow().aces());
    assertEquals("D:", empty.toSddl());
    assertEquals(SecurityDescriptor.empty(), Sddl.parse(""));
    assertEquals("", Sddl.format(SecurityDescriptor.empty()));
    assertEquals(SecurityDescriptor.ofDacl(Acl.nullAcl()), nul);
  }

  @Test
  void objectAcesKeepTheirGuids() {
    SecurityDescriptor sd = Sddl.parse("D:(OA;CIIO;RP;4C164200-20C0-11D0-A768-00AA006E0529;bf967aba-0de6-11d0-a285-00aa003049e2;RU)");
    Ace ace = sd.dacl().orElseThrow().aces().get(0);
    assertEquals(Optional.of(UUID.fromString("4c164200-20c0-11d0-a768-00aa006e0529")), ace.objectType());
    assertEquals(Optional.of(UUID.fromString("bf967aba-0de6-11d0-a285-00aa003049e2")), ace.inheritedObjectType());
    assertEquals("D:(OA;CIIO;RP;4c164200-20c0-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;RU)", sd.toSddl());
  }

  @Test
  void saclOnlyAceTypesRoundTrip() {
    assertEquals("S:(ML;;NW;;;LW)", Sddl.parse("S:(ML;;NW;;;LW)").toSddl());
    assertEquals("S:(ML;OICI;NWNRNX;;;HI)", Sddl.parse("S:(ML;CIOI;NRNWNX;;;HI)").toSddl());
    assertEquals("S:(SP;;;;;S-1-17-1)", Sddl.parse("S:(SP;;;;;S-1-17-1)").toSddl());
    assertEquals("S:(AL;FA;GA;;;WD)(OL;;CR;;;WD)", Sddl.parse("S:(AL;FA;GA;;;WD)(OL;;CR;;;WD)").toSddl());
  }

  @Test
  void domainRelativeAliasesResolveAgainstTheGivenDomain() {
    SecurityDescriptor sd = Sddl.parse("O:DAG:DUD:(A;;GA;;;LA)", DOMAIN);
    assertEquals(Optional.of(DOMAIN.child(512)), sd.owner());
    assertEquals("O:DAG:DUD:(A;;GA;;;LA)", Sddl.format(sd, DOMAIN));
    assertEquals("O:" + DOMAIN + "-512G:" + DOMAIN + "-513D:(A;;GA;;;" + DOMAIN + "-500)", Sddl.format(sd));
    assertError("O:DA", SddlException.PARSE_ERROR, 2, "sid alias `DA` needs a domain sid");
  }

  @Test
  void reportsErrorsWithPositionAndCode() {
    assertError("D:(Antlers;;GA;;;SY)", SddlException.PARSE_ERROR, 3, "unknown ace type `Antlers`");
    assertError("Z:(A;;GA;;;SY)", SddlException.PARSE_ERROR, 0, "unknown component `Z:`");
    assertError("D :S:", SddlException.PARSE_ERROR, 0, "expected `O:`, `G:`, `D:` or `S:`, found `D :S:`");
    assertError("D:(A;;GA;;)", SddlException.PARSE_ERROR, 10, "ace has 5 fields, expected 6");
    assertError("D:(A;;GA;;;LG;)", SddlException.PARSE_ERROR, 13, "too many fields in ace, expected 6");
    assertError("D:(A;;GA;;;S-1-3-4 )", SddlException.PARSE_ERROR, 18, "unexpected ` ` in sid `S-1-3-4 `");
    assertError("D:(A;;GA;;;SY", SddlException.PARSE_ERROR, 2, "unterminated ace `(A;;GA;;;SY`");
    assertError("O:SYO:BA", SddlException.PARSE_ERROR, 4, "duplicate `O:` component");
    assertError("D:NO_ACCESS_CONTROL(A;;GA;;;WD)", SddlException.PARSE_ERROR, 19, "a `NO_ACCESS_CONTROL` acl cannot hold aces");
    assertError("D:(AU;SA;CR;;;WD)", SddlException.PARSE_ERROR, 3, "ace type `AU` is not allowed in a dacl");
    assertError("D:(A;;GA;f30e3bbe-9ff0-11d1-b603-0000f80367c1;;WD)", SddlException.PARSE_ERROR, 9,
        "object type guid on non-object ace type `A`");
    assertError("D:(OA;;CR;f30e3bbe-9ff0-11d1-b603-00potato7c1;;WD)", SddlException.PARSE_ERROR, 10,
        "invalid guid `f30e3bbe-9ff0-11d1-b603-00potato7c1`");
    assertError("D:(A;XX;GA;;;WD)", SddlException.PARSE_ERROR, 5, "unknown ace flag `XX`");
    assertError("D:(A;;GA ;;;WD)", SddlException.PARSE_ERROR, 8, "trailing whitespace after access rights `GA `");
    assertError("D:(A;;GA;;;XX)", SddlException.PARSE_ERROR, 11, "unknown sid alias `XX`");
    assertError("O:", SddlException.PARSE_ERROR, 2, "expected a sid");
  }

  @Test
  void conditionalAndResourceAcesAreUnsupportedNotCrashes() {
    assertError("D:(XA;;FX;;;S-1-1-0;(@User.Title == \"PM\"))", SddlException.UNSUPPORTED, 3,
        "ace type `XA` (conditional, callback or resource attribute ace) is not supported");
    assertError("S:(RA;;;;;WD;(\"Project\",TS,0,\"Windows\"))", SddlException.UNSUPPORTED, 3,
        "ace type `RA` (conditional, callback or resource attribute ace) is not supported");
    assertError("D:(A;;GA;;;WD)(ZA;;GA;;;WD;(Member_of {SID(BA)}))", SddlException.UNSUPPORTED, 15,
        "ace type `ZA` (conditional, callback or resource attribute ace) is not supported");
  }

  private static void assertError(String sddl, String code, int position, String detail) {
    SddlException e = assertThrows(SddlException.class, () -> Sddl.parse(sddl));
    assertEquals(code + " at " + position + ": " + detail, e.getMessage());
    assertEquals(code, e.code());
    assertEquals(position, e.position());
    assertEquals(detail, e.detail());
  }

  @Test
  void modelRejectsInconsistentValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Ace(AceType.ACCESS_ALLOWED, Set.of(), 1, Optional.of(new UUID(1, 2)), Optional.empty(), Sid.EVERYONE));
    assertEquals("object type guid on non-object ace type `A`", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Acl.of(Set.of(AclFlag.NO_ACCESS_CONTROL), List.of(Ace.allow(1, Sid.EVERYONE))));
    assertEquals("a `NO_ACCESS_CONTROL` acl cannot hold aces", e.getMessage());
  }

  @Test
  void aceTypeAndFlagCodesAreCaseInsensitive() {
    assertEquals(Optional.of(AceType.ACCESS_ALLOWED_OBJECT), AceType.fromCode("oa"));
    assertEquals(Optional.empty(), AceType.fromCode("Q"));
    assertEquals(Optional.of(AceFlag.INHERIT_ONLY), AceFlag.fromCode("io"));
    assertEquals(0x11, AceType.MANDATORY_LABEL.value());
    assertEquals(0x08, AceFlag.INHERIT_ONLY.value());
  }
}
