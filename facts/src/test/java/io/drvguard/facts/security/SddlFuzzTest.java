package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The SDDL parser's contract under any input (issue 12): a descriptor, or an {@link SddlException}
 * with a position inside the text; never another exception, never a hang. A parsed descriptor
 * formats to SDDL that parses back to the same descriptor. {@code mvn verify} replays the seeds in
 * {@code SddlFuzzTestInputs/}; {@code scripts/fuzz.sh} fuzzes.
 */
class SddlFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    SecurityDescriptor sd;
    try {
      sd = Sddl.parse(text);
    } catch (SddlException e) {
      assertTrue(e.position() >= 0 && e.position() <= text.length(), "position " + e.position() + " of " + text);
      return;
    }
    String canonical = sd.toSddl();
    assertEquals(canonical, Sddl.parse(canonical).toSddl(), text);
  }
}
