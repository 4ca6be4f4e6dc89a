package io.drvguard.facts.ioctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The control-code reader's contract under any input (issue 12): a code whose fields encode back
 * to the same value, or a {@link CtlCodeException} with a position inside the text; never another
 * exception. Seeds in {@code CtlExpressionFuzzTestInputs/}; {@code scripts/fuzz.sh} fuzzes.
 */
class CtlExpressionFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    CtlCode code;
    try {
      code = CtlCode.parse(text);
    } catch (CtlCodeException e) {
      assertTrue(e.position() >= 0 && e.position() <= text.length(), "position " + e.position() + " of " + text);
      return;
    }
    assertEquals(code.value(), CtlCode.decode(code.value()).value(), text);
  }
}
