package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule docs where a reader meets them: {@code rules doc}, {@code simulate --explain} and SARIF's
 * rule help (tested with the SARIF schema in {@link SarifReportWriterTest}), with an author's rule folder whose docs sit in {@code docs/} (the bundled docs arrive
 * with the rules, so these tests do not depend on which exist). A rule without a doc only lacks it.
 */
class RuleDocsOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path rules;

  static final String NAMING_DOC = """
      # AcmeIoctlNaming: IOCTL names start with IOCTL_ACME_

      Requirement: `ACME-1` · Severity: `warning`

      ## Why
      Acme's tooling finds its IOCTLs by prefix,
      so an IOCTL named otherwise escapes review.

      Second paragraph of the reason.

      ## How to fix
      Rename the IOCTL to `IOCTL_ACME_<NAME>`.

      ## Non-compliant example
      ```yaml
      # a comment, not a heading
      ioctls: [{name: IOCTL_QUERY, code: 0x222000}]
      ```

      ## Compliant example
      ```yaml
      ioctls: [{name: IOCTL_ACME_QUERY, code: 0x222000}]
      ```
      """;

  static final String DENY_OBJECTS = """
      package com.acme.decisions

      import io.drvguard.facts.request.DecisionSink
      import io.drvguard.facts.request.NtStatus
      import io.drvguard.facts.request.ObjectOpenRequest
      global DecisionSink decisions

      rule "AcmeObjectOpenDenied"
        @id("AcmeObjectOpenDenied") @requirement("STI-2") @stage(200) @title("Acme denies every kernel object open")
      when
        $r : ObjectOpenRequest( found )
      then
        decisions.deny(drools.getRule().getName(), $r, NtStatus.STATUS_ACCESS_DENIED, "acme denies object opens");
      end
      """;

  private Path write(String rel, String text) throws Exception {
    return write(dir, rel, text);
  }

  static Path write(Path dir, String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @BeforeEach
  void authorFolder() throws Exception {
    rules = authorFolder(dir);
  }

  /** An author's rule folder under {@code dir}: Acme's override and rule, the latter documented. */
  static Path authorFolder(Path dir) throws Exception {
    Path rules = dir.resolve("rules");
    // the DRL one folder down: the doc is found in docs/ of the --rules folder above it
    write(dir, "rules/ioctl/Acme.drl", ExternalRulesTest.OVERRIDE);
    write(dir, "rules/requirements.tsv", "ACME-1\tV\twarning\tIOCTL names follow the Acme convention\n");
    write(dir, "rules/docs/AcmeIoctlNaming.md", NAMING_DOC);
    return rules;
  }

  @Test
  void rulesDocPrintsOneRulesDocOrWhatIsKnownWithoutOne() {
    CheckCommandTest.Run one = CheckCommandTest.run("rules", "doc", "--rules", rules.toString(), "AcmeIoctlNaming");
    assertEquals(0, one.code(), one.err());
    assertEquals(NAMING_DOC, one.out());

    // the override has no doc of its own, and the bundled rule's doc describes what it replaced
    CheckCommandTest.Run none = CheckCommandTest.run("rules", "doc", "--rules", rules.toString(), "UserModeIoctlAnyAccess");
    assertEquals(0, none.code(), none.err());
    assertTrue(none.out().startsWith("# UserModeIoctlAnyAccess: User-mode IOCTL defined with FILE_ANY_ACCESS (Acme policy)\n"),
        none.out());
    assertTrue(none.out().contains("This rule has no doc (its doc would be `docs/UserModeIoctlAnyAccess.md`"), none.out());

    CheckCommandTest.Run unknown = CheckCommandTest.run("rules", "doc", "NoSuchRule");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("no rule `NoSuchRule`"), unknown.err());
  }

  @Test
  void theReferenceHoldsEachDocUnderItsRequirementWithHeadingsNestedOutsideCode() {
    CheckCommandTest.Run r = CheckCommandTest.run("rules", "doc", "--rules", rules.toString());
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    int section = out.indexOf("## ACME-1: IOCTL names follow the Acme convention");
    int table = out.indexOf("| `AcmeIoctlNaming` | warning |");
    int doc = out.indexOf("### AcmeIoctlNaming: IOCTL names start with IOCTL_ACME_");
    assertTrue(section >= 0 && section < table && table < doc, out);
    assertTrue(out.contains("\n#### Why\nAcme's tooling"), out);
    assertTrue(out.contains("\n# a comment, not a heading\n"), out);
  }

  @Test
  void explainShowsWhyTheDecidingRuleDecidedAndWhereItsDocIs() throws Exception {
    write("rules/decisions/AcmeDecisions.drl", DENY_OBJECTS);
    Path doc = write("rules/decisions/docs/AcmeObjectOpenDenied.md", """
        # AcmeObjectOpenDenied: Acme denies every kernel object open

        ## Why
        Acme shares no kernel object between contexts.

        ## How to fix
        Do not share it.
        """);
    String scenario = SimulateCommandTest.EXAMPLES.resolve("scanner.scenario.yaml").toString();
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--explain", "--rules", rules.toString(), scenario);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[STI-2 AcmeObjectOpenDenied]"), r.out());
    assertTrue(r.out().contains("\n    why AcmeObjectOpenDenied: Acme shares no kernel object between contexts.\n    doc: "
        + doc.toAbsolutePath().normalize() + "\n"), r.out());

    CheckCommandTest.Run json = CheckCommandTest.run("simulate", "--explain", "--format", "json", "--rules",
        rules.toString(), scenario);
    JsonNode s2 = SimulateCommandTest.find(JSON.readTree(json.out()), "s2");
    assertEquals("Acme shares no kernel object between contexts.", s2.path("ruleDoc").path("why").asText());

    // without --explain, and for a rule without a doc, nothing is added
    CheckCommandTest.Run plain = CheckCommandTest.run("simulate", "--rules", rules.toString(), scenario);
    assertFalse(plain.out().contains("    why ") || plain.out().contains("    doc: "), plain.out());
    Files.delete(doc);
    CheckCommandTest.Run undocumented = CheckCommandTest.run("simulate", "--explain", "--rules", rules.toString(), scenario);
    assertEquals(0, undocumented.code(), undocumented.err());
    assertFalse(undocumented.out().contains("why AcmeObjectOpenDenied") || undocumented.out().contains(doc.toString()),
        undocumented.out());
  }
}
