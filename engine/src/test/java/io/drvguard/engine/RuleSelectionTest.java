package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSelectionTest {
  /** only (';'-separated, '-' for none), skip, rule, requirement → reported. */
  @ParameterizedTest
  @CsvSource({
      "-,           -,                     RawPdoWithoutIoCreateDeviceSecure, OBJ-1, true",
      "OBJ-1,       -,                     RawPdoWithoutIoCreateDeviceSecure, OBJ-1, true",
      "OBJ-2,       -,                     RawPdoWithoutIoCreateDeviceSecure, OBJ-1, false",
      "RawPdoWithoutIoCreateDeviceSecure, -, RawPdoWithoutIoCreateDeviceSecure, OBJ-1, true",
      "-,           OBJ-1,                 RawPdoWithoutIoCreateDeviceSecure, OBJ-1, false",
      "-,           RawPdoWithoutIoCreateDeviceSecure, RawPdoWithoutIoCreateDeviceSecure, OBJ-1, false",
      "-,           OBJ-2,                 RawPdoWithoutIoCreateDeviceSecure, OBJ-1, true",
      "OBJ-1;NS-6,  RawPdoWithoutIoCreateDeviceSecure, RawPdoWithoutIoCreateDeviceSecure, OBJ-1, false",
      "OBJ-1;NS-6,  RawPdoWithoutIoCreateDeviceSecure, RelatedOpenNotFailed, NS-6, true",
  })
  void onlyKeepsAndSkipDrops(String only, String skip, String rule, String requirement, boolean reported) {
    RuleSelection s = new RuleSelection(ids(only), ids(skip));
    assertEquals(reported, s.reports(rule, requirement));
  }

  private static Set<String> ids(String list) {
    return list.equals("-") ? Set.of() : Set.of(list.split(";"));
  }
}
