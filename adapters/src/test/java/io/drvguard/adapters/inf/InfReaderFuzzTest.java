package io.drvguard.adapters.inf;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The INF reader's contract under any bytes (issue 12): an INF model or an {@link InfException}
 * naming the problem; never another exception, never a hang. Seeds in
 * {@code InfReaderFuzzTestInputs/}; {@code scripts/fuzz.sh} fuzzes (and may add
 * {@code ../shared/corpus} INF files as extra seeds at run time).
 */
class InfReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] input) {
    try {
      assertNotNull(new InfReader().read("fuzz.inf", input));
    } catch (InfException e) {
      assertNotNull(e.getMessage());
    }
  }
}
