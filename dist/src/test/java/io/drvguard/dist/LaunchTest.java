package io.drvguard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchTest {
  @Test
  void readsBothVersionSchemes() {
    assertEquals(8, Launch.feature("1.8"));
    assertEquals(11, Launch.feature("11"));
    assertEquals(17, Launch.feature("17"));
    assertEquals(25, Launch.feature("25"));
    assertEquals(-1, Launch.feature("x"));
    assertEquals(-1, Launch.feature(null));
  }

  @Test
  void refusesAJavaOlderThan17AndSaysWhichAndWhatToDo() {
    String refusal = Launch.refusal("drvguard", "11", "/opt/jdk-11");
    assertNotNull(refusal);
    assertTrue(refusal.contains("Java 17 or newer"), refusal);
    assertTrue(refusal.contains("/opt/jdk-11 is Java 11"), refusal);
    assertTrue(refusal.contains("JAVA_HOME"), refusal);
    assertNotNull(Launch.refusal("drvguard", "1.8", null));
    assertNotNull(Launch.refusal("drvguard", "garbage", null));
  }

  @Test
  void acceptsJava17AndNewer() {
    assertNull(Launch.refusal("drvguard", "17", "/jdk17"));
    assertNull(Launch.refusal("drvguard", "25", "/jdk25"));
  }

  @Test
  void theRefusalNamesTheProgramThatRefuses() {
    assertTrue(Launch.refusal("drvguard-streams", "11", "/opt/jdk-11").startsWith("drvguard-streams: needs Java 17 or newer"));
    assertTrue(Launch.refusal("drvguard", "11", "/opt/jdk-11").startsWith("drvguard: needs Java 17 or newer"));
  }
}
