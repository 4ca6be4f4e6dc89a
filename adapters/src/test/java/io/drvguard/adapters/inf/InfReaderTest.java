package io.drvguard.adapters.inf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One small hand-written INF per syntax feature, with exact values. */
class InfReaderTest {
  private final InfReader reader = new InfReader();

  private InfFile read(String text) throws InfException {
    return reader.read("t.inf", text.getBytes(StandardCharsets.UTF_8));
  }

  private static InfEntry only(InfFile inf, String section) {
    List<InfEntry> e = inf.section(section).orElseThrow().entries();
    assertEquals(1, e.size(), e.toString());
    return e.get(0);
  }

  @Test
  void keysFieldsAndLineNumbers() throws InfException {
    InfFile inf = read("[Version]\nSignature = \"$Windows NT$\"\nClass=Sample\n\n[Foo]\nHKR,,Security,,\"D:P(A;;GA;;;SY)\"\n");
    InfSection v = inf.section("version").orElseThrow();
    assertEquals("Version", v.name());
    assertEquals(List.of(1), v.headerLines());
    assertEquals("$Windows NT$", v.firstValue("SIGNATURE"));
    assertTrue(v.entries().get(0).fields().get(0).quoted());
    assertEquals(3, v.entries("class").get(0).line());
    InfEntry reg = only(inf, "FOO");
    assertNull(reg.key());
    assertEquals(6, reg.line());
    assertEquals(List.of("HKR", "", "Security", "", "D:P(A;;GA;;;SY)"), reg.values());
    assertEquals("HKR,,Security,,\"D:P(A;;GA;;;SY)\"", reg.rawLine());
    assertEquals(List.of(), inf.diagnostics());
    assertEquals("UTF-8", inf.encoding());
    assertEquals("t.inf", inf.fileName());
  }

  @Test
  void commentsWholeLineAndTrailingButNotInsideQuotes() throws InfException {
    InfFile inf = read("; header comment\n[S] ; section comment\n; only a comment\n"
        + "a = 1 ; trailing\nb = \"x;y\" ; real comment\nc = \"q\";d\n");
    InfSection s = inf.section("s").orElseThrow();
    assertEquals(3, s.entries().size());
    assertEquals("1", s.firstValue("a"));
    assertEquals("x;y", s.firstValue("b"));
    assertEquals("q", s.firstValue("c"));
    assertEquals("b = \"x;y\"", s.entries().get(1).text());
    assertEquals("b = \"x;y\" ; real comment", s.entries().get(1).rawLine());
    assertEquals(List.of(4, 5, 6), s.entries().stream().map(InfEntry::line).toList());
  }

  @Test
  void continuationKeepsTheFirstLineNumber() throws InfException {
    InfFile inf = read("[S]\nx = 1\nHKR,Parameters,Flags,1, 05,01, \\\n      06,01, \\\n   07,01\ny = 2 ; path\\\nz = 3\n");
    InfSection s = inf.section("S").orElseThrow();
    assertEquals(4, s.entries().size());
    InfEntry joined = s.entries().get(1);
    assertEquals(3, joined.line());
    assertEquals(List.of("HKR", "Parameters", "Flags", "1", "05", "01", "06", "01", "07", "01"), joined.values());
    assertEquals("HKR,Parameters,Flags,1, 05,01,       06,01,    07,01", joined.rawLine());
    // a backslash inside a comment does not continue the line
    assertEquals(6, s.entries().get(2).line());
    assertEquals("2", s.entries().get(2).value(0));
    assertEquals(7, s.entries().get(3).line());
  }

  @Test
  void backslashOnTheLastLineIsText() throws InfException {
    InfFile inf = read("[DeviceInstall]\nDriverPath=\\");
    assertEquals("\\", inf.section("deviceinstall").orElseThrow().firstValue("DriverPath"));
  }

  @Test
  void quotedFieldsWithCommasAndDoubledQuotes() throws InfException {
    InfFile inf = read("[S]\nHKR, \"a,b\" , \"say \"\"hi\"\"\", \"\" ,  plain text  , \"  kept  \"\n");
    InfEntry e = only(inf, "S");
    assertEquals(List.of("HKR", "a,b", "say \"hi\"", "", "plain text", "  kept  "), e.values());
    assertEquals(List.of(false, true, true, true, false, true), e.fields().stream().map(InfField::quoted).toList());
    assertEquals("\"say \"\"hi\"\"\"", e.fields().get(2).raw());
  }

  @Test
  void equalsInsideQuotesIsNotAKey() throws InfException {
    InfEntry e = only(read("[S]\nHKR,,Opt,,\"a=b\"\n"), "S");
    assertNull(e.key());
    assertEquals("a=b", e.value(4));
  }

  @Test
  void stringSubstitutionPercentPercentAndDirids() throws InfException {
    InfFile inf = read("[S]\nDesc = %DevDesc%\nPath = \"%%SystemRoot%%\\x\", %13%\\%Name%.sys\nMix = pre-%devdesc%-post\n"
        + "[Strings]\nDevDesc = \"Toaster, Inc. \"\"Deluxe\"\"\"\nName=toast\nname=ignored\n");
    InfSection s = inf.section("s").orElseThrow();
    assertEquals("Toaster, Inc. \"Deluxe\"", s.firstValue("desc"));
    assertEquals(List.of("%SystemRoot%\\x", "%13%\\toast.sys"), s.entries("path").get(0).values());
    assertEquals("pre-Toaster, Inc. \"Deluxe\"-post", s.firstValue("mix"));
    assertEquals("toast", inf.strings().get("NAME")); // first definition wins, keys ignore case
    assertEquals(List.of(), inf.diagnostics());
  }

  @Test
  void undefinedKeyIsReportedAndKeptAsWritten() throws InfException {
    InfFile inf = read("[Version]\nx=1\n[S]\nHKR, \"WUDF\", \"Id\", %REG_SZ%, \"grp\"\nDesc=%Known% and 100%\n[Strings]\nKnown=k\n");
    InfEntry e = inf.section("S").orElseThrow().entries().get(0);
    assertEquals("%REG_SZ%", e.value(3));
    assertEquals("k and 100%", inf.section("S").orElseThrow().firstValue("desc"));
    assertEquals(List.of(new InfDiagnostic(SourceLocation.of("t.inf", 4), InfDiagnostic.UNDEFINED_STRING,
        "string key `%REG_SZ%` is not defined in `[strings]`")), inf.diagnostics());
  }

  @Test
  void localizedStringsOnlyFillInWhatStringsLacks() throws InfException {
    InfFile inf = read("[S]\na=%One%\nb=%Two%\n[Strings.0411]\nOne=ichi\nTwo=ni\n[Strings]\nOne=one\n");
    InfSection s = inf.section("S").orElseThrow();
    assertEquals("one", s.firstValue("a"));
    assertEquals("ni", s.firstValue("b"));
  }

  @Test
  void buildTokensAreText() throws InfException {
    InfFile inf = read("[Manufacturer]\n%Mfg%=Standard,NT$ARCH$.10.0...16299\n[Standard.NT$ARCH$.10.0...16299]\nx=y\n[Strings]\nMfg=M\n");
    assertEquals(List.of("Standard", "NT$ARCH$.10.0...16299"), inf.section("manufacturer").orElseThrow().entries().get(0).values());
    assertEquals("M", inf.section("manufacturer").orElseThrow().entries().get(0).key());
    assertTrue(inf.hasSection("STANDARD.nt$arch$.10.0...16299"));
  }

  @Test
  void duplicateSectionsAreMergedAndDuplicateKeysKept() throws InfException {
    InfFile inf = read("[Foo.NT]\nAddReg=A\n[Bar]\nx=1\n[FOO.nt]\nAddReg=B,C\nAddReg = D\n");
    assertEquals(List.of("Foo.NT", "Bar"), inf.sections().stream().map(InfSection::name).toList());
    InfSection foo = inf.section("foo.NT").orElseThrow();
    assertEquals(List.of(1, 5), foo.headerLines());
    assertEquals(List.of(2, 6, 7), foo.entries("addreg").stream().map(InfEntry::line).toList());
    assertEquals(List.of("A", "B", "C", "D"), foo.entries("ADDREG").stream().flatMap(e -> e.values().stream()).toList());
    assertEquals(4, inf.diagnostics().size()); // A, B, C and D do not exist
    assertEquals(InfDiagnostic.MISSING_SECTION, inf.diagnostics().get(0).code());
    assertEquals("`AddReg` in section `Foo.NT` names section `A`, which the file does not have", inf.diagnostics().get(0).message());
    assertEquals(2, inf.diagnostics().get(0).location().line());
  }

  @Test
  void junkBeforeTheFirstSectionIsIgnored() throws InfException {
    InfFile inf = read("/*++\n\nCopyright (c) Microsoft\n  x = y, [not a section\n--*/\n\n[Version]\nSignature=\"$WINDOWS NT$\"\n");
    assertEquals(1, inf.sections().size());
    assertEquals(7, inf.section("Version").orElseThrow().line());
    assertEquals(List.of(), inf.diagnostics());
  }

  @Test
  void noBreakSpaceIsBlank() throws InfException {
    InfFile inf = read("[S]\n\u00A0\nkey\u00A0=\u00A0value\u00A0\u00A0; c\n\u00A0\u00A0\n");
    InfEntry e = only(inf, "S");
    assertEquals("key", e.key());
    assertEquals("value", e.value(0));
    assertEquals(3, e.line());
  }

  @Test
  void crOnlyAndMixedLineBreaks() throws InfException {
    InfFile inf = read("[A]\rx=1\r\ny=2\nz=3\r\r[B]\rw=4");
    assertEquals(List.of(2, 3, 4), inf.section("A").orElseThrow().entries().stream().map(InfEntry::line).toList());
    assertEquals(7, only(inf, "B").line());
  }

  private static byte[] bytes(int[] prefix, String text, Charset cs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b : prefix) {
      out.write(b);
    }
    out.writeBytes(text.getBytes(cs));
    return out.toByteArray();
  }

  private static final String SMALL = "[Version]\r\nSignature=\"$Windows NT$\"\r\n[Strings]\r\nDesc=\"Caf\u00e9 \u4e00\u3000\u00A0\"\r\n";

  private void assertSmall(InfFile inf, String encoding) {
    assertEquals(encoding, inf.encoding());
    assertEquals("$Windows NT$", inf.section("version").orElseThrow().firstValue("signature"));
    assertEquals("Caf\u00e9 \u4e00\u3000\u00A0", inf.strings().get("desc"));
    assertEquals(4, inf.section("strings").orElseThrow().entries().get(0).line());
  }

  @Test
  void utf16LittleAndBigEndianWithBom() throws InfException {
    assertSmall(reader.read("le.inf", bytes(new int[] {0xFF, 0xFE}, SMALL, StandardCharsets.UTF_16LE)), "UTF-16LE");
    assertSmall(reader.read("be.inf", bytes(new int[] {0xFE, 0xFF}, SMALL, StandardCharsets.UTF_16BE)), "UTF-16BE");
    assertSmall(reader.read("nobom.inf", bytes(new int[] {}, SMALL, StandardCharsets.UTF_16LE)), "UTF-16LE(no BOM)");
  }

  @Test
  void utf8WithAndWithoutBomAndWindows1252() throws InfException {
    assertSmall(reader.read("bom.inf", bytes(new int[] {0xEF, 0xBB, 0xBF}, SMALL, StandardCharsets.UTF_8)), "UTF-8+BOM");
    assertSmall(reader.read("nobom.inf", bytes(new int[] {}, SMALL, StandardCharsets.UTF_8)), "UTF-8");
    InfFile ansi = reader.read("ansi.inf", "[Strings]\nDesc=\"Caf\u00e9 \u20ac\"\n".getBytes(Charset.forName("windows-1252")));
    assertEquals("windows-1252", ansi.encoding());
    assertEquals("Caf\u00e9 \u20ac", ansi.strings().get("DESC"));
  }

  @Test
  void invalidUtf8AfterAUtf8BomIsRejectedAtItsOffset() {
    byte[] b = bytes(new int[] {0xEF, 0xBB, 0xBF}, "[S]\nx=1\ny=", StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(b, b.length + 1);
    bad[b.length] = (byte) 0xE9;
    InfException e = assertThrows(InfException.class, () -> reader.read("bad.inf", bad));
    assertEquals(InfException.ENCODING_ERROR, e.code());
    assertEquals(b.length, e.byteOffset());
    assertEquals(3, e.line());
    assertEquals("bad.inf:3: inf_encoding_error: the file has a utf-8 byte order mark but is not valid utf-8 at byte offset "
        + b.length, e.getMessage());
  }

  @Test
  void oddUtf16ByteCountIsRejected() {
    byte[] b = bytes(new int[] {0xFF, 0xFE}, "[S]\r\nx=1\r\n", StandardCharsets.UTF_16LE);
    byte[] odd = java.util.Arrays.copyOf(b, b.length + 1);
    InfException e = assertThrows(InfException.class, () -> reader.read("odd.inf", odd));
    assertEquals(InfException.ENCODING_ERROR, e.code());
    assertEquals(b.length, e.byteOffset());
    assertEquals(3, e.line());
    assertEquals("the file is utf-16le but has an odd byte count (" + odd.length + "), the last byte at offset " + b.length
        + " is half a character", e.detail());
  }

  @Test
  void utf16ConvertedTwiceIsRejectedWhereTheTextShifts() {
    // what git's eol=crlf does to UTF-16 text: every 0A byte becomes 0D 0A
    byte[] good = bytes(new int[] {0xFF, 0xFE}, "; c\n[Version]\nSignature=x\n", StandardCharsets.UTF_16LE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte x : good) {
      if (x == 0x0A) {
        out.write(0x0D);
      }
      out.write(x);
    }
    byte[] bad = out.toByteArray();
    InfException e = assertThrows(InfException.class, () -> reader.read("twice.inf", bad));
    assertEquals(InfException.ENCODING_ERROR, e.code());
    assertEquals(2 + 3 * 2 + 2, e.byteOffset()); // "; c" then the injected CR + LF unit, then shifted text
    assertEquals(1, e.line()); // no line break decoded before it: the LF became part of U+0A0D
    assertTrue(e.detail().contains("misaligned from byte offset 10"), e.detail());
  }

  @Test
  void loneSurrogateIsRejected() {
    byte[] b = bytes(new int[] {0xFF, 0xFE}, "[S]\r\nx=", StandardCharsets.UTF_16LE);
    byte[] bad = java.util.Arrays.copyOf(b, b.length + 4);
    bad[b.length] = 0x00;
    bad[b.length + 1] = (byte) 0xD8; // high surrogate U+D800
    bad[b.length + 2] = 0x41;
    bad[b.length + 3] = 0x00; // then 'A'
    InfException e = assertThrows(InfException.class, () -> reader.read("sur.inf", bad));
    assertEquals(b.length, e.byteOffset());
    assertEquals(2, e.line());
    assertEquals("the file is not valid utf-16le at byte offset " + b.length + ": unpaired surrogate", e.detail());
  }

  @Test
  void nulBytesAndTextWithoutSectionsAreRejected() {
    InfException nul = assertThrows(InfException.class, () -> reader.read("bin.inf", new byte[] {'[', 'S', ']', '\n', 'x', 0, 'y'}));
    assertEquals(InfException.ENCODING_ERROR, nul.code());
    assertEquals(5, nul.byteOffset());
    assertEquals(2, nul.line());
    InfException none = assertThrows(InfException.class, () -> read("; only\nx = 1\n"));
    assertEquals(InfException.NO_SECTIONS, none.code());
    assertEquals(0, none.line());
    assertEquals(-1, none.byteOffset());
    assertEquals("t.inf: inf_no_sections: the file has no section header (`[version]`, …): not an inf file", none.getMessage());
    assertThrows(InfException.class, () -> reader.read("empty.inf", new byte[0]));
  }

  @Test
  void missingFileIsAnInfException(@TempDir Path dir) throws Exception {
    InfException e = assertThrows(InfException.class, () -> reader.read(dir.resolve("nope.inf")));
    assertEquals(InfException.IO_ERROR, e.code());
    Path p = dir.resolve("ok.inf");
    Files.writeString(p, "[Version]\n");
    assertEquals(p.toString(), reader.read(p).fileName());
  }

  @Test
  void unterminatedQuoteAndBadHeaderAreDiagnostics() throws InfException {
    InfFile inf = read("[S]\nx = \"open, still\n[Broken\ny=1\n");
    assertEquals(List.of("open, still"), inf.section("S").orElseThrow().entries().get(0).values());
    assertEquals(List.of(InfDiagnostic.UNTERMINATED_QUOTE, InfDiagnostic.BAD_SECTION_HEADER),
        inf.diagnostics().stream().map(InfDiagnostic::code).toList());
    assertTrue(inf.hasSection("broken"));
    assertFalse(inf.hasSection("S2"));
  }
}
