package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An author's requirements.tsv: each column is checked, with the file and line of a bad row. */
class RequirementCatalogColumnsTest {
  @TempDir Path dir;

  @Test
  void aWellFormedRowExtendsTheCatalog() throws Exception {
    Path f = dir.resolve("requirements.tsv");
    Files.writeString(f, "# id\tkind\tdefault severity\ttitle\nACME-1\tV\twarning\tIOCTL names start with IOCTL_ACME_\n"
        + "ACME-DEC-2\tD\t-\tAcme opens are decided\n");
    RequirementCatalog c = RequirementCatalog.bundled().extendedWith(f);
    assertTrue(c.contains("ACME-1") && c.contains("ACME-DEC-2") && c.contains("OBJ-1"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "acme-1|V|warning|title|is not a requirement id",
      "ACME|V|warning|title|is not a requirement id",
      "OBJ-1|V|error|title|is a bundled requirement",
      "ACME-1|X|warning|title|is not one of V",
      "ACME-1|V|-|title|is not error, warning or info",
      "ACME-1|D/V|fatal|title|is not error, warning or info",
      "ACME-1|M|error|title|must be `-`",
      "ACME-1|V|warning|''|has no title",
  })
  void aBadColumnIsAnErrorAtItsLine(String id, String kind, String severity, String title, String expected)
      throws Exception {
    Path f = dir.resolve("requirements.tsv");
    Files.writeString(f, "# header\n" + id + "\t" + kind + "\t" + severity + "\t" + title + "\n");
    RuleBaseException e = assertThrows(RuleBaseException.class, () -> RequirementCatalog.bundled().extendedWith(f));
    RuleBaseException.Problem p = e.problems().get(0);
    assertEquals(2, p.line());
    assertEquals("requirements_malformed", p.code());
    assertTrue(p.message().contains(expected), p.message());
  }
}
