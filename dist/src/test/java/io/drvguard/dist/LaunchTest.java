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
    String refusal = Launch.refusal("11", "/opt/jdk-11");
    assertNotNull(refusal);
    assertTrue(refusal.contains("Java 17 or newer"), refusal);
    assertTrue(refusal.contains("/opt/jdk-11 is Java 11"), refusal);
    assertTrue(refusal.contains("JAVA_HOME"), refusal);
    assertNotNull(Launch.refusal("1.8", null));
    assertNotNull(Launch.refusal("garbage", null));
  }

  @Test
  void acceptsJava17AndNewer() {
    assertNull(Launch.refusal("17", "/jdk17"));
    assertNull(Launch.refusal("25", "/jdk25"));
  }
}
