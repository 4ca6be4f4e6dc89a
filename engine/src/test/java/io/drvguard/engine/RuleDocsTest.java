package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleDocsTest {
  private static final String DOC = """
      # AcmeRule: Acme devices are named

      Requirement: `ACME-1` · Severity: `error`

      ## Why
      First line of the reason,
      second line of it.

      A second paragraph.

      ## How to fix
      Name it.

      ## Non-compliant example
      ```yaml
      # a comment, not a title
      ## nor a section
      driver: { name: x }
      ```

      ## Compliant example
      None.
      """;

  private static RuleMetadata external(Path drl, String id) {
    return new RuleMetadata(id, "ACME-1", Severity.ERROR, "Acme devices are named", drl.toString());
  }

  @Test
  void sectionsAreReadByHeadingAndCodeBlocksAreNotSections() {
    RuleDoc doc = new RuleDoc("AcmeRule", DOC, "AcmeRule.md", false);
    assertEquals("AcmeRule: Acme devices are named", doc.title());
    assertEquals(List.of("Why", "How to fix", "Non-compliant example", "Compliant example"), doc.headings());
    assertEquals("First line of the reason, second line of it.", doc.whyInBrief());
    assertEquals("Name it.", doc.section(RuleDoc.HOW_TO_FIX).orElseThrow());
    assertTrue(doc.section("Non-compliant example").orElseThrow().contains("## nor a section"));
  }

  @Test
  void aDocWithoutWhyHasNoBriefAndNoTitleWithoutAHashLine() {
    RuleDoc doc = new RuleDoc("X", "X: no heading\n\n## How to fix\nDo it.\n", "X.md", false);
    assertEquals("", doc.title());
    assertEquals("", doc.whyInBrief());
  }

  @Test
  void anAuthorsDocIsFoundInDocsBesideTheDrlOrAboveItUpToTheRulesFolder(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("acme-rules");
    Path drl = rules.resolve("area").resolve("Acme.drl");
    Files.createDirectories(drl.getParent());
    Files.writeString(drl, "package acme;");
    Files.createDirectories(rules.resolve("docs"));
    Files.writeString(rules.resolve("docs").resolve("AcmeRule.md"), DOC);
    Files.createDirectories(drl.getParent().resolve("docs"));
    Files.writeString(drl.getParent().resolve("docs").resolve("Nearer.md"), "# Nearer: t\n");
    // above the --rules folder is outside the author's folder: not looked at
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs").resolve("Outside.md"), "# Outside: t\n");

    RuleDocs docs = RuleDocs.withRuleDirs(List.of(rules));
    RuleDoc found = docs.of(external(drl, "AcmeRule")).orElseThrow();
    assertEquals(rules.resolve("docs").resolve("AcmeRule.md").toString(), found.file());
    assertFalse(found.bundled());
    assertEquals("Nearer: t", docs.of(external(drl, "Nearer")).orElseThrow().title());
    assertTrue(docs.of(external(drl, "Outside")).isEmpty());
    assertTrue(docs.of(external(drl, "Missing")).isEmpty());
    // without the folder, only the DRL's own folder is looked at
    assertTrue(RuleDocs.bundled().of(external(drl, "AcmeRule")).isEmpty());
    assertTrue(RuleDocs.bundled().of(external(drl, "Nearer")).isPresent());
  }

  @Test
  void aRuleIdThatIsNotAFileNameHasNoDoc(@TempDir Path dir) throws Exception {
    Path drl = dir.resolve("A.drl");
    Files.writeString(drl, "package a;");
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("secret.md"), "# x\n");
    assertTrue(RuleDocs.withRuleDirs(List.of(dir)).of(external(drl, "../secret")).isEmpty());
    assertTrue(RuleDocs.bundled("../../META-INF/x").isEmpty());
  }

  @Test
  void aBundledRuleGetsTheDocFromTheRulesJarAndAnOverrideDoesNot(@TempDir Path dir) throws Exception {
    RuleMetadata bundled = new RuleMetadata("RuleDocsTestOnly", "NS-1", Severity.ERROR, "t", "bundled");
    RuleDoc doc = RuleDocs.bundled().of(bundled).orElseThrow();
    assertTrue(doc.bundled());
    assertEquals(RuleDocs.BUNDLED_DIR + "RuleDocsTestOnly.md", doc.file());
    assertTrue(RuleDocs.bundled().of(new RuleMetadata("NoSuchRuleAnywhere", "NS-1", Severity.ERROR, "t", "bundled"))
        .isEmpty());
    Path drl = dir.resolve("Override.drl");
    Files.writeString(drl, "package o;");
    assertTrue(RuleDocs.withRuleDirs(List.of(dir)).of(external(drl, "RuleDocsTestOnly")).isEmpty());
  }
}
