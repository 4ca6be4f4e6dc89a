package io.drvguard.adapters.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One step read alone from JSON text, as a runtime event carries it, with the scenario reader's checks. */
class EventStepTest {
  private static DriverPackage pkg;
  private static final Scenario.Principal ALICE =
      new Scenario.Principal("alice", Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.EVERYONE));

  @BeforeAll
  static void load() throws Exception {
    pkg = new PackageReader().read(Path.of("../examples/toastbus-vulnerable/drvguard.yaml"));
  }

  private static Scenario.Step step(String json) throws InputException {
    Section s = TreeLoader.message("event", "drvguard.events/0@7", json);
    return ScenarioReader.eventStep(s, ALICE, pkg);
  }

  @Test
  void anOpenReadsAsInAScenario() throws Exception {
    Scenario.Step s = step("{\"id\": \"s1\", \"open\": {\"as\": \"alice\", \"path\": \"\\\\Device\\\\ToastPdo0\","
        + " \"access\": [\"FILE_READ_DATA\"]}, \"handle\": \"h1\"}");
    Scenario.Open o = assertInstanceOf(Scenario.Open.class, s.action());
    assertEquals(ALICE, o.as());
    assertEquals(AccessMask.FILE_READ_DATA, o.access());
    assertEquals("h1", s.handle());
    assertEquals("drvguard.events/0@7", s.location().file());
  }

  @Test
  void theEventPrincipalHoldsHandlesNoEarlierEventBound() throws Exception {
    Scenario.Ioctl i = assertInstanceOf(Scenario.Ioctl.class,
        step("{\"id\": \"s2\", \"ioctl\": {\"handle\": \"h9\", \"code\": \"IOCTL_TOAST_EJECT\"}}").action());
    assertEquals(ALICE, i.owner());
  }

  @Test
  void whatAScenarioRefusesIsRefused() {
    InputException unknownKind = assertThrows(InputException.class, () -> step("{\"id\": \"s1\", \"frob\": {}}"));
    assertTrue(unknownKind.getMessage().contains("frob"), unknownKind.getMessage());
    InputException otherPrincipal = assertThrows(InputException.class,
        () -> step("{\"open\": {\"as\": \"bob\", \"path\": \"\\\\Device\\\\X\"}}"));
    assertTrue(otherPrincipal.getMessage().contains("bob"), otherPrincipal.getMessage());
    assertThrows(InputException.class, () -> step("{\"ioctl\": {\"handle\": \"h1\", \"code\": \"IOCTL_NOPE\"}}"));
    assertThrows(InputException.class, () -> step("{\"open\": {\"as\": \"alice\"}}"));
    assertThrows(InputException.class, () -> TreeLoader.message("event", "e", "{not json"));
  }
}
