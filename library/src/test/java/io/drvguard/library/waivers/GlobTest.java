package io.drvguard.library.waivers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The globs of a waiver's {@code package} and {@code subject} (the waiver behaviour itself: cli's WaiversTest). */
class GlobTest {
  @Test
  void globsMatchWholeNames() {
    assertTrue(Waivers.glob("legacy*").matches("legacy11"));
    assertFalse(Waivers.glob("legacy?").matches("legacy11"));
    assertTrue(Waivers.glob("\\Device\\Toast*").matches("\\Device\\ToastPdo0"));
    assertFalse(Waivers.glob("a.c").matches("abc"));
  }

  @Test
  void globsMatchAsRegularGlobsDo() {
    String[][] yes = {{"*", ""}, {"*", "abc"}, {"a*", "a"}, {"*c", "abc"}, {"a*c", "ac"}, {"a*b*c", "aXbYc"},
        {"a?c", "abc"}, {"*a*a*", "aa"}, {"*ab*ab", "abab"}, {"*ab*ab", "ababab"}, {"a**b", "ab"}, {"?*", "x"},
        {"*?*?*", "xy"}, {"IOCTL_*_QUERY", "IOCTL_L11_QUERY"}};
    String[][] no = {{"", "a"}, {"a*", ""}, {"*c", "ab"}, {"a*b*c", "acb"}, {"a?c", "ac"}, {"*a*a*", "a"},
        {"*ab*ab", "aba"}, {"?*", ""}, {"*?*?*", "x"}, {"abc", "abcd"}, {"*ab*ba", "aba"}};
    for (String[] c : yes) {
      assertTrue(Waivers.glob(c[0]).matches(c[1]), c[0] + " ~ " + c[1]);
    }
    for (String[] c : no) {
      assertFalse(Waivers.glob(c[0]).matches(c[1]), c[0] + " !~ " + c[1]);
    }
  }

  /**
   * A package author chooses subject names: a waiver glob with many stars against a long run of
   * one letter made the regular expression it used to be backtrack for ever (issue 12).
   */
  @Test
  void aPathologicalGlobIsMatchedInBoundedTime() {
    String subject = "a".repeat(100_000);
    Glob glob = Waivers.glob("*a*a*a*a*a*a*a*a*a*a*a*a*b");
    boolean matched = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5), () -> glob.matches(subject));
    assertFalse(matched);
    assertTrue(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5), () -> glob.matches(subject + "b")));
  }
}
