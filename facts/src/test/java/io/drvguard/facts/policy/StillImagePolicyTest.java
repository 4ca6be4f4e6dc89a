package io.drvguard.facts.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.security.Sddl;
import java.util.List;
import org.junit.jupiter.api.Test;

class StillImagePolicyTest {
  static StillImagePolicy.SharedAccess check(KernelObjectType type, String sddl) throws Exception {
    return StillImagePolicy.check(type, Sddl.parse(sddl));
  }

  @Test
  void bothContextsGrantedIsComplete() throws Exception {
    assertTrue(check(KernelObjectType.MUTEX, "D:(A;;GA;;;SY)(A;;GA;;;IU)").complete());
    assertTrue(check(KernelObjectType.MUTEX, "D:(A;;0x100001;;;WD)").complete());
    assertTrue(check(KernelObjectType.EVENT, "D:(A;;GA;;;SY)(A;;GRGWGX;;;AU)").complete());
    assertTrue(check(KernelObjectType.SEMAPHORE, "D:(A;;GA;;;SY)(A;;GA;;;BU)").complete());
    assertTrue(check(KernelObjectType.SECTION, "D:(A;;GRGW;;;SY)(A;;GRGW;;;IU)").complete());
  }

  @Test
  void systemOnlyDescriptorLocksOutTheApplication() throws Exception {
    StillImagePolicy.SharedAccess a = check(KernelObjectType.MUTEX, "D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    assertEquals(List.of("application"), a.gaps().stream().map(StillImagePolicy.ContextGap::context).toList());
    assertEquals("application (interactive user) lacks `MUTANT_QUERY_STATE|SYNCHRONIZE` (no ACE grants"
        + " `MUTANT_QUERY_STATE|SYNCHRONIZE`)", a.describe());
    StillImagePolicy.SharedAccess both = check(KernelObjectType.MUTEX, "D:P(A;;GA;;;S-1-5-21-9-9-9-1105)");
    assertEquals(List.of("application", "eventMonitor"),
        both.gaps().stream().map(StillImagePolicy.ContextGap::context).toList());
    assertTrue(both.describe().contains(") and eventMonitor (LocalSystem) lacks"), both.describe());
  }

  @Test
  void userOnlyDescriptorLocksOutTheEventMonitor() throws Exception {
    StillImagePolicy.SharedAccess a = check(KernelObjectType.EVENT, "D:(A;;GA;;;IU)");
    assertEquals(List.of("eventMonitor"), a.gaps().stream().map(StillImagePolicy.ContextGap::context).toList());
  }

  @Test
  void missingRightsAreNamedAfterTheObjectType() throws Exception {
    // GENERIC_READ|GENERIC_EXECUTE on an event gives SYNCHRONIZE but not EVENT_MODIFY_STATE
    StillImagePolicy.SharedAccess a = check(KernelObjectType.EVENT, "D:(A;;GA;;;SY)(A;;GRGX;;;WD)");
    assertEquals(1, a.gaps().size());
    assertTrue(a.describe().startsWith("application (interactive user) lacks `EVENT_MODIFY_STATE`"), a.describe());
    // a deny ACE for the users' group
    StillImagePolicy.SharedAccess d = check(KernelObjectType.SEMAPHORE, "D:(D;;GA;;;BU)(A;;GA;;;WD)");
    assertTrue(d.describe().contains("denied by ACE 1"), d.describe());
    // a section both read and write-mapped
    StillImagePolicy.SharedAccess s = check(KernelObjectType.SECTION, "D:(A;;GA;;;SY)(A;;GR;;;IU)");
    assertTrue(s.describe().contains("`SECTION_MAP_WRITE`"), s.describe());
  }

  @Test
  void sharedBetweenBothNeedsBothContexts() {
    SourceLocation at = SourceLocation.of("m.yaml", 1);
    assertTrue(StillImagePolicy.sharedBetweenBoth(new KernelObjectDef("p", "Global\\X", KernelObjectType.MUTEX, null,
        List.of("eventMonitor", "application"), at)));
    assertFalse(StillImagePolicy.sharedBetweenBoth(new KernelObjectDef("p", "Global\\X", KernelObjectType.MUTEX, null,
        List.of("application"), at)));
  }
}
