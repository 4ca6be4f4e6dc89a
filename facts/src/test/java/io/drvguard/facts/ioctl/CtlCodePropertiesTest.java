package io.drvguard.facts.ioctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CtlCodePropertiesTest {

  @Property(tries = 5000)
  void decodeThenEncodeIsIdentityForEveryInt(@ForAll int code) {
    CtlCode c = CtlCode.decode(code);
    assertEquals(code, c.value());
    // independent bit arithmetic on the unsigned value
    long u = Integer.toUnsignedLong(code);
    assertEquals(u >>> 16, c.deviceType());
    assertEquals((u >>> 14) & 3, c.access());
    assertEquals((u >>> 2) & 0xFFF, c.function());
    assertEquals(u & 3, c.method());
    assertEquals(u, c.unsignedValue());
  }

  @Property(tries = 5000)
  void encodeThenDecodeIsIdentityForValidFields(
      @ForAll @IntRange(min = 0, max = 0xFFFF) int type,
      @ForAll @IntRange(min = 0, max = 0xFFF) int function,
      @ForAll @IntRange(min = 0, max = 3) int method,
      @ForAll @IntRange(min = 0, max = 3) int access) {
    CtlCode c = new CtlCode(type, function, method, access);
    assertEquals(c, CtlCode.decode(c.value()));
    long expected = ((long) type << 16) | ((long) access << 14) | ((long) function << 2) | method;
    assertEquals(expected, c.unsignedValue());
  }

  @Property(tries = 3000)
  void toStringParsesBack(@ForAll("codes") CtlCode c) {
    assertEquals(c, CtlCode.parse(c.toString()));
    assertEquals(c, CtlCode.parse(c.hex()));
    assertEquals(c, CtlCode.parse(Integer.toString(c.value())));
    assertEquals(c, CtlCode.parse(Long.toString(c.unsignedValue()) + "UL"));
    assertEquals(c.value(), CtlCode.macroValue(c.toString(), Map.of()));
  }

  @Property(tries = 1000)
  void outOfRangeFunctionIsRejectedButMacroValueSpills(
      @ForAll @IntRange(min = 0x1000, max = 0x3FFF) int function) {
    String text = "CTL_CODE(FILE_DEVICE_UNKNOWN, " + function + ", METHOD_BUFFERED, FILE_ANY_ACCESS)";
    CtlCodeException e = assertThrows(CtlCodeException.class, () -> CtlCode.parse(text));
    assertEquals("ctl_code_range_error", e.code());
    assertEquals(30, e.position());
    long expected = (0x22L << 16) | ((long) function << 2);
    assertEquals((int) expected, CtlCode.macroValue(text, Map.of()));
  }

  /** Any input either parses or fails with a CtlCodeException carrying a valid position. */
  @Property(tries = 3000)
  void arbitraryTextNeverCrashes(@ForAll("junk") String text) {
    try {
      CtlCode.parse(text, Map.of("IOCTL_INDEX", 0x800L));
    } catch (CtlCodeException e) {
      assertTrue(e.position() >= 0 && e.position() <= text.length(), e.getMessage());
      assertTrue(e.getMessage().startsWith(e.code() + " at " + e.position() + ": "), e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> junk() {
    Arbitrary<String> tokens = Arbitraries.of("CTL_CODE", "(", ")", ",", " ", "0x800", "1", "0",
        "FILE_DEVICE_UNKNOWN", "METHOD_BUFFERED", "FILE_ANY_ACCESS", "FILE_READ_ACCESS", "|", "+",
        "-", "<<", ">>", "~", "'V'", "'", "(ULONG)", "IOCTL_INDEX", "FOO", "U", "0x", "08", ";",
        "\\", "*", "/", "%", "&", "^", "0xFFFFFFFFFFFFFFFFFF");
    return Arbitraries.oneOf(
        tokens.list().ofMaxSize(20).map(l -> String.join("", l)),
        Arbitraries.strings().ofMaxLength(30));
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    CtlCodeException e = assertThrows(CtlCodeException.class, () -> CtlCode.parse(deep));
    assertEquals("ctl_code_parse_error at 200: expression nested deeper than 200 levels", e.getMessage());
    assertEquals(new CtlCode(0, 0, 1, 0), CtlCode.parse("(".repeat(50) + "1" + ")".repeat(50)));
    assertThrows(CtlCodeException.class, () -> CtlCode.parse("-".repeat(100_000) + "1"));
  }

  @Provide
  Arbitrary<CtlCode> codes() {
    Arbitrary<Integer> types = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 0xFFFF),
        Arbitraries.of(IoctlNames.all().entrySet().stream()
            .filter(en -> en.getKey().startsWith("FILE_DEVICE_"))
            .map(en -> en.getValue().intValue())
            .toList()));
    return Combinators.combine(
            types,
            Arbitraries.integers().between(0, 0xFFF),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 3))
        .as(CtlCode::new);
  }
}
