package io.drvguard.facts.inf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.SourceLocation;
import org.junit.jupiter.api.Test;

/** The flags of an AddReg line as install/inf-addreg-directive.md defines them. */
class AddRegEffectTest {
  static AddRegEffect effect(String flags, String value) {
    return new InfRegistryValue("p", "Dev.AddReg", "Dev.NT.HW", RegistryKeyKind.HW, "HKR", "", "DeviceType", flags,
        value, false, "HKR,,DeviceType," + flags + "," + value, SourceLocation.of("p.inf", 3)).effect();
  }

  @Test
  void modifierBitsKeepTheDwordType() {
    for (String flags : new String[] {"0x10001", "0x10003", "0x10009", "0x10021", "0x11001", "0x14001", "65537"}) {
      AddRegEffect e = effect(flags, "0x2");
      assertTrue(e.writes(), flags);
      assertEquals(AddRegEffect.TYPE_DWORD, e.type(), flags);
      assertEquals(2, e.dword(), flags);
      assertNull(e.dwordProblem(flags), flags);
    }
    assertEquals("REG_QWORD", effect("0x000B0001", "1").typeName());
    assertEquals("REG_BINARY", effect("0x3", "1").typeName());
    assertNull(effect("0x3", "1").dword());
    assertNull(effect("dword", "1").type());
  }

  @Test
  void delvalDeletesAndKeyOnlyWritesNothing() {
    AddRegEffect del = effect("0x10005", "0x2");
    assertEquals(AddRegEffect.Kind.DELETE, del.kind());
    assertFalse(del.writes());
    assertNull(del.dword());
    assertNull(del.dwordProblem("0x10005"));
    assertEquals(AddRegEffect.Kind.DELETE, effect("0x4", null).kind());
    assertEquals(AddRegEffect.Kind.KEY_ONLY, effect("0x10", "0x2").kind());
    assertEquals(AddRegEffect.Kind.KEY_ONLY, effect("0x2000", "0x2").kind());
    assertFalse(effect("0x10011", "0x2").writes());
    assertNull(effect("0x10011", "0x2").dword());
  }

  @Test
  void noclobberAndOverwriteOnlyDependOnTheValueBeingThere() {
    AddRegEffect plain = effect("0x10001", "1");
    assertTrue(plain.writesGiven(false) && plain.writesGiven(true));
    AddRegEffect noClobber = effect("0x10003", "1");
    assertTrue(noClobber.writesGiven(false));
    assertFalse(noClobber.writesGiven(true));
    AddRegEffect overwriteOnly = effect("0x10021", "1");
    assertFalse(overwriteOnly.writesGiven(false));
    assertTrue(overwriteOnly.writesGiven(true));
    assertFalse(effect("0x10005", "1").writesGiven(true));
  }

  @Test
  void malformedDwordsStillHaveAProblem() {
    assertEquals("the value `serial` is not a number", effect("0x10003", "serial").dwordProblem("0x10003"));
    assertEquals("the value `0x100000000` does not fit in a DWORD",
        effect("0x10001", "0x100000000").dwordProblem("0x10001"));
    assertEquals("the value is missing", effect("0x10001", null).dwordProblem("0x10001"));
    assertEquals("flags `sz` are not a number", effect("sz", "1").dwordProblem("sz"));
  }
}
