package io.drvguard.facts.security;

import static io.drvguard.facts.security.AccessMask.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per bullet of requirement M-2, plus the privilege and edge rules of Windows' check. */
class AccessCheckTest {
  static final Sid USER = Sid.parse("S-1-5-21-1-2-3-1001");
  static final Token USER_TOKEN = Token.interactiveUser(USER);

  static AccessResult check(String sddl, Token token, int desired) {
    return AccessCheck.check(Sddl.parse(sddl), token, desired, GenericMapping.FILE);
  }

  static void assertResult(boolean granted, int access, String reason, AccessResult r) {
    assertEquals(new AccessResult(granted, access, reason), r);
  }

  @Nested
  class M2 {
    @Test
    void nullDaclGrantsEverything() {
      assertResult(true, FILE_GENERIC_WRITE, "no dacl grants all access", check("O:SY", USER_TOKEN, GENERIC_WRITE));
      assertResult(true, FILE_ALL_ACCESS, "null dacl grants all access",
          check("D:NO_ACCESS_CONTROL", Token.of(USER), MAXIMUM_ALLOWED));
    }

    @Test
    void emptyDaclGrantsNothing() {
      assertResult(false, 0,
          "no ACE grants `FILE_READ_DATA|FILE_READ_EA|FILE_READ_ATTRIBUTES|READ_CONTROL|SYNCHRONIZE`",
          check("D:", USER_TOKEN, GENERIC_READ));
      assertResult(false, 0, "no ACE grants any access", check("D:P", USER_TOKEN, MAXIMUM_ALLOWED));
    }

    @Test
    void acesAreEvaluatedInOrder() {
      assertResult(true, FILE_WRITE_DATA, "granted by ACE 1 `(A;;GW;;;WD)`",
          check("D:(A;;GW;;;WD)(D;;GW;;;WD)", USER_TOKEN, FILE_WRITE_DATA));
      assertResult(false, 0, "denied by ACE 1 `(D;;GW;;;WD)`",
          check("D:(D;;GW;;;WD)(A;;GW;;;WD)", USER_TOKEN, FILE_WRITE_DATA));
    }

    @Test
    void aDenyAceForANotYetGrantedBitDenies() {
      String sddl = "D:(A;;FR;;;BU)(D;;GW;;;WD)(A;;GA;;;WD)";
      assertResult(false, 0, "denied by ACE 2 `(D;;GW;;;WD)`",
          check(sddl, USER_TOKEN, FILE_GENERIC_READ | FILE_WRITE_DATA));
      // the same deny ACE does not take away bits an earlier ACE already granted
      assertResult(true, FILE_GENERIC_READ, "granted by ACE 1 `(A;;FR;;;BU)`", check(sddl, USER_TOKEN, FILE_GENERIC_READ));
      assertResult(true, FILE_READ_DATA, "granted by ACE 1 `(A;;FR;;;BU)`",
          check("D:(A;;FR;;;BU)(D;;FR;;;WD)", USER_TOKEN, FILE_READ_DATA));
    }

    @Test
    void genericRightsAreMappedThroughTheFileObjectMapping() {
      assertResult(true, FILE_READ_DATA, "granted by ACE 1 `(A;;GR;;;WD)`", check("D:(A;;GR;;;WD)", USER_TOKEN, FILE_READ_DATA));
      assertResult(false, 0, "no ACE grants `FILE_WRITE_DATA`", check("D:(A;;GR;;;WD)", USER_TOKEN, FILE_WRITE_DATA));
      assertResult(true, FILE_GENERIC_READ, "granted by ACE 1 `(A;;FR;;;WD)`", check("D:(A;;FR;;;WD)", USER_TOKEN, GENERIC_READ));
      assertResult(true, FILE_ALL_ACCESS, "granted by ACE 1 `(A;;GA;;;WD)`", check("D:(A;;GA;;;WD)", USER_TOKEN, GENERIC_ALL));
      // GENERIC_EXECUTE on a file maps to FILE_EXECUTE|FILE_READ_ATTRIBUTES|READ_CONTROL|SYNCHRONIZE, not to FILE_READ_DATA
      assertResult(false, 0, "no ACE grants `FILE_READ_DATA`", check("D:(A;;GX;;;WD)", USER_TOKEN, FILE_READ_DATA));
    }

    @Test
    void groupMembershipUsesTheTokensSidsIncludingWellKnownAliases() {
      assertResult(false, 0, "no ACE grants `FILE_READ_DATA`", check("D:(A;;GA;;;AU)", Token.of(USER), FILE_READ_DATA));
      assertResult(true, FILE_READ_DATA, "granted by ACE 1 `(A;;GA;;;AU)`", check("D:(A;;GA;;;AU)", USER_TOKEN, FILE_READ_DATA));
      assertResult(false, 0, "no ACE grants `FILE_READ_DATA`", check("D:(A;;GA;;;BA)", USER_TOKEN, FILE_READ_DATA));
      assertResult(true, FILE_READ_DATA, "granted by ACE 1 `(A;;GA;;;BA)`",
          check("D:(A;;GA;;;BA)", USER_TOKEN.withGroups(Sid.BUILTIN_ADMINISTRATORS), FILE_READ_DATA));
      assertResult(true, FILE_READ_DATA, "granted by ACE 1 `(A;;GA;;;S-1-5-21-1-2-3-1001)`",
          check("D:(A;;GA;;;S-1-5-21-1-2-3-1001)", Token.of(USER), FILE_READ_DATA));
      assertResult(true, FILE_ALL_ACCESS, "granted by ACE 2 `(A;;GA;;;SY)`",
          check("D:(A;;GA;;;BU)(A;;GA;;;SY)", Token.of(Sid.LOCAL_SYSTEM), GENERIC_ALL));
    }

    @Test
    void maximumAllowedReturnsWhatIsAllowedBeforeBeingDenied() {
      String sddl = "D:(D;;WD;;;WD)(A;;GA;;;WD)(D;;GW;;;WD)";
      int expected = FILE_ALL_ACCESS & ~WRITE_DAC;
      assertResult(true, expected, "maximum allowed `" + AccessMask.describe(expected) + "`",
          check(sddl, USER_TOKEN, MAXIMUM_ALLOWED));
      assertEquals("FILE_READ_DATA|FILE_WRITE_DATA|FILE_APPEND_DATA|FILE_READ_EA|FILE_WRITE_EA|FILE_EXECUTE"
          + "|FILE_DELETE_CHILD|FILE_READ_ATTRIBUTES|FILE_WRITE_ATTRIBUTES|DELETE|READ_CONTROL|WRITE_OWNER|SYNCHRONIZE",
          AccessMask.describe(expected));
      assertResult(false, 0, "denied by ACE 1 `(D;;WD;;;WD)`", check(sddl, USER_TOKEN, MAXIMUM_ALLOWED | WRITE_DAC));
      assertResult(true, FILE_GENERIC_READ, "maximum allowed `FILE_READ_DATA|FILE_READ_EA|FILE_READ_ATTRIBUTES|READ_CONTROL|SYNCHRONIZE`",
          check("D:(A;;FR;;;WD)(A;;FW;;;BA)", USER_TOKEN, MAXIMUM_ALLOWED));
    }

    @Test
    void ownerIsImplicitlyGrantedReadControlAndWriteDac() {
      String sddl = "O:S-1-5-21-1-2-3-1001D:(D;;GA;;;WD)";
      assertResult(true, READ_CONTROL | WRITE_DAC, "granted by owner implicit rights",
          check(sddl, USER_TOKEN, READ_CONTROL | WRITE_DAC));
      assertResult(false, 0, "denied by ACE 1 `(D;;GA;;;WD)`", check(sddl, USER_TOKEN, READ_CONTROL | FILE_READ_DATA));
      assertResult(true, READ_CONTROL | WRITE_DAC, "maximum allowed `READ_CONTROL|WRITE_DAC`",
          check(sddl, USER_TOKEN, MAXIMUM_ALLOWED));
      assertResult(false, 0, "denied by ACE 1 `(D;;GA;;;WD)`", check(sddl, Token.of(Sid.LOCAL_SYSTEM, Sid.EVERYONE), READ_CONTROL));
    }
  }

  @Nested
  class WindowsRules {
    @Test
    void anOwnerRightsAceReplacesTheOwnersImplicitRights() {
      String sddl = "O:S-1-5-21-1-2-3-1001D:(A;;RC;;;OW)";
      assertResult(false, 0, "no ACE grants `WRITE_DAC`", check(sddl, USER_TOKEN, WRITE_DAC));
      assertResult(true, READ_CONTROL, "granted by ACE 1 `(A;;RC;;;OW)`", check(sddl, USER_TOKEN, READ_CONTROL));
      // an inherit-only OWNER RIGHTS ACE does not apply to this object, so the implicit rights stay
      assertResult(true, WRITE_DAC, "granted by owner implicit rights",
          check("O:S-1-5-21-1-2-3-1001D:(A;IO;RC;;;OW)", USER_TOKEN, WRITE_DAC));
      // OWNER RIGHTS ACEs match only the owner
      assertResult(false, 0, "no ACE grants `READ_CONTROL`", check("O:SYD:(A;;RC;;;OW)", USER_TOKEN, READ_CONTROL));
    }

    @Test
    void accessSystemSecurityRequiresSeSecurityPrivilege() {
      assertResult(false, 0, "`ACCESS_SYSTEM_SECURITY` requires `SeSecurityPrivilege`",
          check("D:NO_ACCESS_CONTROL", USER_TOKEN, ACCESS_SYSTEM_SECURITY));
      assertResult(true, ACCESS_SYSTEM_SECURITY, "granted by privilege `SeSecurityPrivilege`",
          check("D:", USER_TOKEN.withPrivileges(Token.SE_SECURITY_PRIVILEGE), ACCESS_SYSTEM_SECURITY));
      // an ACE cannot grant it
      assertResult(false, 0, "`ACCESS_SYSTEM_SECURITY` requires `SeSecurityPrivilege`",
          check("D:(A;;0x1000000;;;WD)", USER_TOKEN, ACCESS_SYSTEM_SECURITY));
    }

    @Test
    void takeOwnershipPrivilegeGrantsWriteOwner() {
      assertResult(true, WRITE_OWNER, "granted by privilege `SeTakeOwnershipPrivilege`",
          check("D:", USER_TOKEN.withPrivileges(Token.SE_TAKE_OWNERSHIP_PRIVILEGE), WRITE_OWNER));
      assertResult(false, 0, "no ACE grants `WRITE_OWNER`", check("D:", USER_TOKEN, WRITE_OWNER));
      assertResult(true, WRITE_OWNER | FILE_READ_DATA,
          "granted by privilege `SeTakeOwnershipPrivilege`, ACE 1 `(A;;FR;;;WD)`",
          check("D:(A;;FR;;;WD)", USER_TOKEN.withPrivileges(Token.SE_TAKE_OWNERSHIP_PRIVILEGE), WRITE_OWNER | FILE_READ_DATA));
    }

    @Test
    void zeroDesiredAccessIsDeniedAsSeAccessCheckDoes() {
      assertResult(false, 0, "no access requested", check("D:(A;;GA;;;WD)", USER_TOKEN, 0));
    }

    @Test
    void inheritOnlyAcesAreSkipped() {
      assertResult(false, 0, "no ACE grants `FILE_READ_DATA`", check("D:(A;OICIIO;GA;;;WD)", USER_TOKEN, FILE_READ_DATA));
      assertResult(true, FILE_READ_DATA, "granted by ACE 2 `(A;OICI;FR;;;WD)`",
          check("D:(D;IO;GA;;;WD)(A;OICI;FR;;;WD)", USER_TOKEN, FILE_READ_DATA));
    }

    @Test
    void severalAcesTogetherGrantTheRequest() {
      assertResult(true, FILE_GENERIC_READ | FILE_GENERIC_WRITE, "granted by ACE 1 `(A;;FR;;;WD)`, ACE 2 `(A;;FW;;;BU)`",
          check("D:(A;;FR;;;WD)(A;;FW;;;BU)", USER_TOKEN, GENERIC_READ | GENERIC_WRITE));
    }

    @Test
    void objectAcesWithAnObjectTypeAreSkipped() {
      assertResult(false, 0, "no ACE grants `FILE_READ_DATA`",
          check("D:(OA;;CC;f30e3bbe-9ff0-11d1-b603-0000f80367c1;;WD)", USER_TOKEN, FILE_READ_DATA));
      assertResult(true, FILE_READ_DATA, "granted by ACE 1 `(OA;;CC;;;WD)`", check("D:(OA;;CC;;;WD)", USER_TOKEN, FILE_READ_DATA));
    }

    @Test
    void otherObjectTypesUseTheirOwnMapping() {
      SecurityDescriptor sd = Sddl.parse("D:(A;;GR;;;WD)");
      assertEquals(new AccessResult(true, MUTANT_QUERY_STATE, "granted by ACE 1 `(A;;GR;;;WD)`"),
          AccessCheck.check(sd, USER_TOKEN, MUTANT_QUERY_STATE, GenericMapping.MUTEX));
      assertEquals(new AccessResult(false, 0, "no ACE grants `EVENT_MODIFY_STATE`"),
          AccessCheck.check(sd, USER_TOKEN, EVENT_MODIFY_STATE, GenericMapping.EVENT));
      assertEquals(new AccessResult(true, SEMAPHORE_MODIFY_STATE, "granted by ACE 1 `(A;;GW;;;WD)`"),
          AccessCheck.check(Sddl.parse("D:(A;;GW;;;WD)"), USER_TOKEN, SEMAPHORE_MODIFY_STATE, GenericMapping.SEMAPHORE));
    }

    @Test
    void stillImageContextsWithTheCreatorsDefaultDacl() {
      // STI-2: a mutex created by LocalSystem with its default DACL (SYSTEM and Administrators)
      // cannot be opened by the interactive user's instance, and the service can open its own
      SecurityDescriptor sd = Sddl.parse("O:SYD:(A;;GA;;;SY)(A;;GA;;;BA)");
      assertEquals(new AccessResult(false, 0, "no ACE grants `MUTANT_QUERY_STATE|SYNCHRONIZE`"),
          AccessCheck.check(sd, USER_TOKEN, SYNCHRONIZE | MUTANT_QUERY_STATE, GenericMapping.MUTEX));
      assertEquals(new AccessResult(true, MUTANT_ALL_ACCESS, "granted by owner implicit rights, ACE 1 `(A;;GA;;;SY)`"),
          AccessCheck.check(sd, Token.localSystem(), GENERIC_ALL, GenericMapping.MUTEX));
    }
  }
}
