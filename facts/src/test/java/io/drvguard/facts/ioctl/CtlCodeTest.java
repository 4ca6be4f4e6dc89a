package io.drvguard.facts.ioctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CtlCodeTest {

  // Published values of real SDK control codes (winioctl.h / ntddscsi.h / ntddvol.h), written
  // here as literals, not computed with the code under test.
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "IOCTL_DISK_GET_DRIVE_GEOMETRY; CTL_CODE(FILE_DEVICE_DISK, 0, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x00070000; 7; 0; 0; 0",
      "IOCTL_DISK_GET_DRIVE_GEOMETRY_EX; CTL_CODE(FILE_DEVICE_DISK, 0x0028, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x000700a0; 7; 40; 0; 0",
      "IOCTL_DISK_SET_DRIVE_LAYOUT; CTL_CODE(FILE_DEVICE_DISK, 0x0004, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS); 0x0007c010; 7; 4; 0; 3",
      "FSCTL_LOCK_VOLUME; CTL_CODE(FILE_DEVICE_FILE_SYSTEM,  6, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x00090018; 9; 6; 0; 0",
      "FSCTL_GET_RETRIEVAL_POINTERS; CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 28,  METHOD_NEITHER, FILE_ANY_ACCESS); 0x00090073; 9; 28; 3; 0",
      "FSCTL_SET_REPARSE_POINT; CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 41, METHOD_BUFFERED, FILE_SPECIAL_ACCESS); 0x000900a4; 9; 41; 0; 0",
      "IOCTL_STORAGE_QUERY_PROPERTY; CTL_CODE(FILE_DEVICE_MASS_STORAGE, 0x0500, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x002d1400; 45; 1280; 0; 0",
      "IOCTL_SCSI_PASS_THROUGH; CTL_CODE(FILE_DEVICE_CONTROLLER, 0x0401, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS); 0x0004d004; 4; 1025; 0; 3",
      "IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS; CTL_CODE(((ULONG) 'V'), 0, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x00560000; 86; 0; 0; 0",
      "IOCTL_SIOCTL_METHOD_BUFFERED; CTL_CODE( 40000, 0x902, METHOD_BUFFERED, FILE_ANY_ACCESS ); 0x9c402408; 40000; 2306; 0; 0",
      "vendor osrfx2 GET_CONFIG_DESCRIPTOR; CTL_CODE(65500U, 0x800, METHOD_BUFFERED, FILE_READ_ACCESS); 0xffdc6000; 65500; 2048; 0; 1",
  })
  void knownRealCodes(String name, String text, String hex, int type, int fn, int method, int access) {
    CtlCode c = CtlCode.parse(text);
    assertEquals(new CtlCode(type, fn, method, access), c, name);
    assertEquals(hex, c.hex(), name);
    int expected = Integer.parseUnsignedInt(hex.substring(2), 16);
    assertEquals(expected, c.value(), name);
    assertEquals(c, CtlCode.decode(expected), name);
    assertEquals(c, CtlCode.parse(hex), name);
    assertEquals(c, CtlCode.parse(c.toString()), name);
  }

  @Test
  void vendorDeviceTypeGivesNegativeIntAndRoundTrips() {
    CtlCode c = new CtlCode(0xFFDC, 0x800, 0, 1);
    assertEquals(0xFFDC6000, c.value());
    assertTrue(c.value() < 0);
    assertEquals(0xFFDC6000L, c.unsignedValue());
    assertEquals(c, CtlCode.decode(c.value()));
    assertTrue(c.isVendorDeviceType());
    assertTrue(c.isCustomFunction());
    assertEquals("CTL_CODE(0xffdc, 0x800, METHOD_BUFFERED, FILE_READ_ACCESS)", c.toString());
    assertEquals(c, CtlCode.parse(c.toString()));
    assertEquals(c, CtlCode.parse(Integer.toString(c.value()))); // "-2358272"
    assertEquals(c, CtlCode.parse("4292632576"));
    assertEquals(new CtlCode(0xFFFF, 0xFFF, 3, 3), CtlCode.decode(-1));
    assertEquals(new CtlCode(0x8000, 0, 0, 0), CtlCode.decode(Integer.MIN_VALUE));
    assertFalse(new CtlCode(0x22, 0x7FF, 0, 0).isVendorDeviceType());
    assertFalse(new CtlCode(0x22, 0x7FF, 0, 0).isCustomFunction());
  }

  @Test
  void toStringAndHex() {
    CtlCode c = new CtlCode(0x22, 0x800, 0, 0);
    assertEquals("CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)", c.toString());
    assertEquals("0x00222000", c.hex());
    assertEquals(0x00222000, c.value());
    assertEquals("CTL_CODE(FILE_DEVICE_DISK, 0x4, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)",
        new CtlCode(7, 4, 0, 3).toString());
    assertEquals("CTL_CODE(0x9c40, 0x903, METHOD_NEITHER, FILE_WRITE_ACCESS)",
        new CtlCode(40000, 0x903, 3, 2).toString());
    assertEquals("CTL_CODE(FILE_DEVICE_DISK, 0x0, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)",
        CtlCode.parse("CTL_CODE(FILE_DEVICE_DISK, 0, METHOD_DIRECT_FROM_HARDWARE, FILE_SPECIAL_ACCESS)").toString());
  }

  @Test
  void enums() {
    CtlCode c = new CtlCode(0x22, 1, 3, 2);
    assertEquals(Method.NEITHER, c.transferType());
    assertEquals(RequiredAccess.WRITE, c.requiredAccess());
    assertEquals("METHOD_IN_DIRECT", Method.IN_DIRECT.symbol());
    assertEquals(2, Method.OUT_DIRECT.value());
    assertEquals(0, RequiredAccess.ANY.fileAccessMask());
    assertEquals(1, RequiredAccess.READ.fileAccessMask());
    assertEquals(2, RequiredAccess.WRITE.fileAccessMask());
    assertEquals(3, RequiredAccess.READ_WRITE.fileAccessMask());
    assertEquals("FILE_ANY_ACCESS", RequiredAccess.ANY.symbol());
    assertEquals("FILE_READ_ACCESS", RequiredAccess.READ.symbol());
    assertEquals("FILE_WRITE_ACCESS", RequiredAccess.WRITE.symbol());
    assertTrue(RequiredAccess.READ_WRITE.isSatisfiedBy(0x0003));
    assertFalse(RequiredAccess.READ_WRITE.isSatisfiedBy(0x0001));
    assertTrue(RequiredAccess.ANY.isSatisfiedBy(0));
    assertEquals(CtlCode.of(7, 4, Method.BUFFERED, RequiredAccess.READ_WRITE), new CtlCode(7, 4, 0, 3));
    for (int i = 0; i < 4; i++) {
      assertEquals(i, Method.of(i).value());
      assertEquals(i, RequiredAccess.of(i).value());
    }
    assertThrows(CtlCodeException.class, () -> Method.of(4));
    assertThrows(CtlCodeException.class, () -> RequiredAccess.of(-1));
  }

  @Test
  void names() {
    assertEquals(Optional.of("FILE_DEVICE_UNKNOWN"), IoctlNames.deviceTypeName(0x22));
    assertEquals(Optional.empty(), IoctlNames.deviceTypeName(0x9c40));
    assertEquals(Optional.of("METHOD_IN_DIRECT"), IoctlNames.methodName(1));
    assertEquals(Optional.of("METHOD_OUT_DIRECT"), IoctlNames.methodName(2));
    assertEquals(Optional.empty(), IoctlNames.methodName(4));
    assertEquals(Optional.of("FILE_ANY_ACCESS"), IoctlNames.accessName(0));
    assertEquals(Optional.of("FILE_READ_ACCESS"), IoctlNames.accessName(1));
    assertEquals(Optional.of("FILE_READ_ACCESS | FILE_WRITE_ACCESS"), IoctlNames.accessName(3));
    assertEquals(0L, IoctlNames.value("FILE_SPECIAL_ACCESS").getAsLong());
    assertEquals(1L, IoctlNames.value("FILE_READ_DATA").getAsLong());
    assertFalse(IoctlNames.value("FILE_DEVICE_TOAST").isPresent());
  }

  @Test
  void constructorValidatesRanges() {
    assertRange(() -> new CtlCode(0x10000, 0, 0, 0), "ctl_code_range_error: device type 0x10000 out of range 0..0xffff");
    assertRange(() -> new CtlCode(-1, 0, 0, 0), "ctl_code_range_error: device type -1 out of range 0..0xffff");
    assertRange(() -> new CtlCode(0x22, 0x1000, 0, 0), "ctl_code_range_error: function 0x1000 out of range 0..0xfff");
    assertRange(() -> new CtlCode(0x22, 0, 4, 0), "ctl_code_range_error: method 0x4 out of range 0..0x3");
    assertRange(() -> new CtlCode(0x22, 0, 0, 4), "ctl_code_range_error: access 0x4 out of range 0..0x3");
  }

  private static void assertRange(Runnable r, String message) {
    CtlCodeException e = assertThrows(CtlCodeException.class, r::run);
    assertEquals(message, e.getMessage());
    assertEquals("ctl_code_range_error", e.code());
    assertEquals(-1, e.position());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "0x222000; 0x00222000",
      "0X222000UL; 0x00222000",
      "2236416; 0x00222000",
      "2236416u; 0x00222000",
      "0x222000L; 0x00222000",
      "0x222000ull; 0x00222000",
      "(ULONG) 0x222000; 0x00222000",
      "0xFFFFFFFF; 0xffffffff",
      "-1; 0xffffffff",
      "010; 0x00000008", // C octal
      "(0x22 << 16) | (0x800 << 2); 0x00222000",
      "CTL_CODE(FILE_DEVICE_UNKNOWN,0x800,METHOD_BUFFERED,FILE_ANY_ACCESS); 0x00222000",
      "  CTL_CODE ( FILE_DEVICE_UNKNOWN , ( 0x800 + 2 ) , METHOD_BUFFERED , FILE_SPECIAL_ACCESS )  ; 0x00222008",
      "(CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)); 0x00222000",
      "(DWORD) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x00222000",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA); 0x0022e000",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, (FILE_READ_ACCESS|FILE_WRITE_ACCESS)); 0x0022e000",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801 - 1, METHOD_NEITHER, FILE_WRITE_ACCESS); 0x0022a003",
      "CTL_CODE((USHORT) 0x10022, 0x800, METHOD_BUFFERED, 0); 0x00222000",
      "CTL_CODE('V', 0, METHOD_BUFFERED, FILE_READ_ACCESS); 0x00564000",
      "CTL_CODE((ULONG) '\\x56', 0, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x00560000",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 2 * 0x400 + 3 % 2, METHOD_BUFFERED, 0 & 1 ^ 0); 0x00222004",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, ~0 & 0xFFF, METHOD_BUFFERED, FILE_ANY_ACCESS); 0x00223ffc",
  })
  void parsesNumbersAndExpressions(String text, String hex) {
    assertEquals(hex, CtlCode.parse(text).hex());
  }

  @Test
  void driverSymbols() {
    Map<String, Long> syms = Map.of("IOCTL_INDEX", 0x800L, "FILE_DEVICE_OSRUSBFX2", 65500L,
        "FILE_DEVICE_UNKNOWN", 0x9999L);
    assertEquals(new CtlCode(65500, 0x805, 0, 2),
        CtlCode.parse("CTL_CODE(FILE_DEVICE_OSRUSBFX2, IOCTL_INDEX + 5, METHOD_BUFFERED, FILE_WRITE_ACCESS)", syms));
    // the caller's symbols take precedence over the built-in names
    assertEquals(0x9999, CtlCode.parse("CTL_CODE(FILE_DEVICE_UNKNOWN, 0, 0, 0)", syms).deviceType());
    assertEquals(0x56L, CtlCode.evaluate("((ULONG) 'V')", Map.of()));
    assertEquals(65500L, CtlCode.evaluate("65500U", Map.of()));
    assertEquals(0xFFFFFFFFL, CtlCode.evaluate("(ULONG) -1", Map.of()));
    assertEquals(-1L, CtlCode.evaluate("(LONG) 0xFFFFFFFF", Map.of()));
    assertEquals(0xFFL, CtlCode.evaluate("(unsigned char) 0x1FF", Map.of()));
    assertEquals(-1L, CtlCode.evaluate("(short) 0xFFFF", Map.of()));
  }

  @Test
  void macroValueSpillsLikeC() {
    // nfp/net/inc/NetNfp.h: function 0x1000 overflows into the access bits
    String proximity = "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x1000, METHOD_BUFFERED, FILE_ANY_ACCESS)";
    assertEquals(0x00224000, CtlCode.macroValue(proximity, Map.of()));
    assertEquals(new CtlCode(0x22, 0, 0, 1), CtlCode.decode(CtlCode.macroValue(proximity, Map.of())));
    // SCARD_CTL_CODE(0x8000): function 0x8000 overflows into the device type
    assertEquals(0x00330000, CtlCode.macroValue(
        "CTL_CODE(FILE_DEVICE_SMARTCARD, (0x8000), METHOD_BUFFERED, FILE_ANY_ACCESS)", Map.of()));
    assertThrows(CtlCodeException.class, () -> CtlCode.parse(proximity));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
      // text # code # position # message
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED)#ctl_code_parse_error#52#ctl_code_parse_error at 52: `CTL_CODE` expects 4 arguments, got 3",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS, 1)#ctl_code_parse_error#69#ctl_code_parse_error at 69: `CTL_CODE` expects 4 arguments, got more",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x1000, METHOD_BUFFERED, FILE_ANY_ACCESS)#ctl_code_range_error#30#ctl_code_range_error at 30: function `0x1000` = 0x1000 out of range 0..0xfff",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, (0x800 + 0x800), METHOD_BUFFERED, FILE_ANY_ACCESS)#ctl_code_range_error#30#ctl_code_range_error at 30: function `(0x800 + 0x800)` = 0x1000 out of range 0..0xfff",
      "CTL_CODE(0x10000, 0, METHOD_BUFFERED, FILE_ANY_ACCESS)#ctl_code_range_error#9#ctl_code_range_error at 9: device type `0x10000` = 0x10000 out of range 0..0xffff",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0, 4, FILE_ANY_ACCESS)#ctl_code_range_error#33#ctl_code_range_error at 33: method `4` = 0x4 out of range 0..0x3",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, -1, 0, 0)#ctl_code_range_error#30#ctl_code_range_error at 30: function `-1` = -1 out of range 0..0xfff",
      "CTL_CODE(FILE_DEVICE_TOAST, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)#ctl_code_parse_error#9#ctl_code_parse_error at 9: unknown symbol `FILE_DEVICE_TOAST`",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, IOCTL_INDEX + 1, METHOD_BUFFERED, FILE_ANY_ACCESS)#ctl_code_parse_error#30#ctl_code_parse_error at 30: unknown symbol `IOCTL_INDEX`",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, (0x800 + 1, METHOD_BUFFERED, FILE_ANY_ACCESS)#ctl_code_parse_error#40#ctl_code_parse_error at 40: expected `)` to close `(` at 30, found `,`",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS#ctl_code_parse_error#69#ctl_code_parse_error at 69: expected `)` to close `CTL_CODE(` at 8, found end of input",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS))#ctl_code_parse_error#70#ctl_code_parse_error at 70: unexpected `)` after the expression",
      "CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS) garbage#ctl_code_parse_error#71#ctl_code_parse_error at 71: unexpected `garbage` after the expression",
      "0x222000 0x1#ctl_code_parse_error#9#ctl_code_parse_error at 9: unexpected `0x1` after the expression",
      "0x222000;#ctl_code_parse_error#8#ctl_code_parse_error at 8: unexpected `;` after the expression",
      "\"\"#ctl_code_parse_error#0#ctl_code_parse_error at 0: empty input",
      "\"   \"#ctl_code_parse_error#3#ctl_code_parse_error at 3: empty input",
      "CTL_CODE#ctl_code_parse_error#8#ctl_code_parse_error at 8: expected `(` after `CTL_CODE`, found end of input",
      "CTL_CODE(, 0, 0, 0)#ctl_code_parse_error#9#ctl_code_parse_error at 9: expected an operand, found `,`",
      "CTL_CODE(FILE_DEVICE_UNKNOWN 0x800, 0, 0)#ctl_code_parse_error#29#ctl_code_parse_error at 29: expected `,` or `)` in `CTL_CODE` arguments, found `0x800`",
      "0x800G#ctl_code_parse_error#0#ctl_code_parse_error at 0: invalid integer literal `0x800G`",
      "089#ctl_code_parse_error#0#ctl_code_parse_error at 0: invalid integer literal `089`",
      "0x#ctl_code_parse_error#0#ctl_code_parse_error at 0: invalid integer literal `0x`",
      "0x222000lul#ctl_code_parse_error#0#ctl_code_parse_error at 0: invalid integer literal `0x222000lul`",
      "0x100000000#ctl_code_range_error#0#ctl_code_range_error at 0: value of `0x100000000` = 0x100000000 does not fit a 32-bit control code",
      "0x1FFFFFFFFFFFFFFFF#ctl_code_range_error#0#ctl_code_range_error at 0: integer literal `0x1FFFFFFFFFFFFFFFF` too large",
      "'VV'#ctl_code_parse_error#0#ctl_code_parse_error at 0: unterminated or multi-character literal",
      "'#ctl_code_parse_error#0#ctl_code_parse_error at 0: unterminated character literal",
      "1 / 0#ctl_code_parse_error#4#ctl_code_parse_error at 4: division by zero",
      "1 << 64#ctl_code_range_error#5#ctl_code_range_error at 5: shift count 64 out of range 0..63",
      "1 || 2#ctl_code_parse_error#2#ctl_code_parse_error at 2: unexpected `|` after the expression",
      "(ULONG)#ctl_code_parse_error#7#ctl_code_parse_error at 7: expected an operand, found end of input",
      "ULONG#ctl_code_parse_error#0#ctl_code_parse_error at 0: unknown symbol `ULONG`",
      "FILE_DEVICE_UNKNOWN +#ctl_code_parse_error#21#ctl_code_parse_error at 21: expected an operand, found end of input",
  })
  void malformed(String text, String code, int position, String message) {
    CtlCodeException e = assertThrows(CtlCodeException.class, () -> CtlCode.parse(text));
    assertEquals(message, e.getMessage());
    assertEquals(code, e.code());
    assertEquals(position, e.position());
    assertTrue(e instanceof IllegalArgumentException);
  }

  @Test
  void nullIsAnError() {
    CtlCodeException e = assertThrows(CtlCodeException.class, () -> CtlCode.parse(null));
    assertEquals("ctl_code_parse_error at 0: empty input", e.getMessage());
  }
}
