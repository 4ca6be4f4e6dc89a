package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy author's folder: override a bundled rule by @id, add a rule, test it, all through the CLI. */
class ExternalRulesTest {
  @TempDir Path dir;

  private Path write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static final String OVERRIDE = """
      package com.acme.rules

      import io.drvguard.facts.model.IoctlDefinition
      import io.drvguard.facts.model.ViolationSink
      global ViolationSink report

      // Acme treats every user-mode FILE_ANY_ACCESS IOCTL as an error, justified or not
      rule "UserModeIoctlAnyAccess"
        @id("UserModeIoctlAnyAccess") @requirement("IOCTL-3") @severity("error")
        @title("User-mode IOCTL defined with FILE_ANY_ACCESS (Acme policy)")
      when
        $i : IoctlDefinition( userMode, anyAccess() )
      then
        report.violation(drools.getRule().getName(), $i.packageName(), $i.name(),
            "acme: IOCTL `" + $i.name() + "` uses FILE_ANY_ACCESS", $i.location());
      end

      rule "AcmeIoctlNaming"
        @id("AcmeIoctlNaming") @requirement("ACME-1") @severity("warning") @title("IOCTL names start with IOCTL_ACME_")
      when
        $i : IoctlDefinition( !name.startsWith("IOCTL_ACME_") )
      then
        report.violation(drools.getRule().getName(), $i.packageName(), $i.name(),
            "acme: `" + $i.name() + "` should start with IOCTL_ACME_", $i.location());
      end
      """;

  static final String PKG = """
      driver: {name: acme, role: function}
      ioctls:
        - {name: IOCTL_QUERY, code: 'CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)'}
      """;

  @Test
  void overrideAddAndVerifyThroughTheCli() throws Exception {
    Path rules = write("rules/Acme.drl", OVERRIDE);
    write("rules/requirements.tsv", "ACME-1\tV\twarning\tIOCTL names follow the Acme convention\n");
    Path pkg = write("pkgs/acme/drvguard.yaml", PKG).getParent();

    CheckCommandTest.Run list = CheckCommandTest.run("rules", "list", "--rules", rules.getParent().toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("AcmeIoctlNaming") && list.out().contains("(Acme policy)"), list.out());
    assertEquals(1, list.out().lines().filter(l -> l.startsWith("UserModeIoctlAnyAccess ")).count(), list.out());

    CheckCommandTest.Run check = CheckCommandTest.run("check", "--rules", rules.getParent().toString(), pkg.toString());
    assertEquals(1, check.code(), check.err());
    assertTrue(check.out().contains("error: acme: IOCTL `IOCTL_QUERY` uses FILE_ANY_ACCESS [IOCTL-3 UserModeIoctlAnyAccess]"),
        check.out());
    assertTrue(check.out().contains("[ACME-1 AcmeIoctlNaming]"), check.out());

    CheckCommandTest.Run rc = CheckCommandTest.run("rules", "check", rules.getParent().toString());
    assertEquals(0, rc.code(), rc.err());
    assertTrue(rc.out().contains("UserModeIoctlAnyAccess [IOCTL-3, error] overrides the bundled rule"), rc.out());

    // the author's own cases, in the bundled corpus's format
    write("cases/IOCTL-3/noncompliant/any/drvguard.yaml", PKG);
    write("cases/IOCTL-3/noncompliant/any/expected.json", """
        {"violations": [{"requirement": "IOCTL-3", "ruleId": "UserModeIoctlAnyAccess", "subject": "IOCTL_QUERY",
                         "severity": "error", "message": "acme:"}]}
        """);
    write("cases/ACME-1/noncompliant/naming/drvguard.yaml", PKG.replace("name: acme", "name: acme2"));
    write("cases/ACME-1/noncompliant/naming/expected.json", """
        {"violations": [{"requirement": "ACME-1", "ruleId": "AcmeIoctlNaming", "subject": "IOCTL_QUERY"}]}
        """);
    write("cases/ACME-1/compliant/named/drvguard.yaml", PKG.replace("IOCTL_QUERY", "IOCTL_ACME_QUERY").replace("name: acme", "name: acme3"));
    write("cases/ACME-1/compliant/named/expected.json", "{\"violations\": []}");
    CheckCommandTest.Run verify = CheckCommandTest.run("verify", "--rules", rules.getParent().toString(),
        dir.resolve("cases").toString());
    assertEquals(0, verify.code(), verify.out() + verify.err());
    assertTrue(verify.out().contains("verified 3 package cases"), verify.out());
  }

  @Test
  void compileErrorIsExit2WithFileLineAndColumn() throws Exception {
    Path bad = write("bad/Broken.drl", """
        package com.acme.broken
        import io.drvguard.facts.model.IoctlDefinition
        rule "Broken" @id("Broken") @requirement("IOCTL-3") @severity("warning") @title("Broken")
        when
          $i : IoctlDefinition( nosuch == 1 )
        then
        end
        """);
    CheckCommandTest.Run r = CheckCommandTest.run("rules", "check", bad.getParent().toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ":5:"), r.err());
    assertTrue(r.err().contains("drl_compile_error"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    CheckCommandTest.Run c = CheckCommandTest.run("check", "--rules", bad.getParent().toString(), dir.toString());
    assertEquals(2, c.code());
  }

  @Test
  void aHouseRuleReportingAsMalformedSddlIsExit2NamingIt() throws Exception {
    String house = """
        package com.acme.house
        import io.drvguard.facts.model.IoctlDefinition
        import io.drvguard.facts.model.ViolationSink
        global ViolationSink report
        rule "AcmeQuery"
          @id("AcmeQuery") @requirement("IOCTL-3") @severity("warning") @title("Acme looks at every IOCTL")
        when
          $i : IoctlDefinition()
        then
          report.violation(%s, $i.packageName(), $i.name(), "acme: looked at", $i.location());
        end
        """;
    Path pkg = write("pkgs/acme/drvguard.yaml", PKG).getParent();
    Path rules = write("house/House.drl", house.formatted("\"MalformedSddl\""));
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--rules", rules.getParent().toString(), pkg.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("`AcmeQuery`") && r.err().contains("reported as `MalformedSddl`"), r.err());
    assertFalse(r.out().contains("[OBJ-9 MalformedSddl]"), r.out());
    assertFalse(r.err().contains("\tat "), r.err());

    Files.writeString(rules, house.formatted("drools.getRule().getName()"));
    CheckCommandTest.Run own = CheckCommandTest.run("check", "--fail-on", "never", "--rules",
        rules.getParent().toString(), pkg.toString());
    assertEquals(0, own.code(), own.out() + own.err());
    assertTrue(own.out().contains("acme: looked at [IOCTL-3 AcmeQuery]"), own.out());
  }

  /** The bundled TopLacksSecureOpen without its "a dropping filter is NS-11's finding" line. */
  static final String NO_DROPPER_EXCEPTION = """
      package com.acme.ns

      import io.drvguard.facts.derived.ReachableStack
      import io.drvguard.facts.derived.TopSettledElsewhere
      import io.drvguard.facts.derived.UnsecuredTop
      import io.drvguard.facts.policy.DeviceStack

      rule "TopLacksSecureOpen"
        @id("TopLacksSecureOpen") @requirement("NS-8")
        @title("A stack reached by name runs without FILE_DEVICE_SECURE_OPEN on its top (Acme: dropped or not)")
        %s
      when
        $s : DeviceStack( !secureOpen() )
        exists ReachableStack( stack == $s )
        not TopSettledElsewhere( stack == $s )
      then
        insertLogical(new UnsecuredTop($s));
      end
      """;

  @Test
  void anInferenceStepIsARuleAnAuthorCanReplace() throws Exception {
    Path pkg = Path.of("../regression/cases/NS-11/noncompliant/legacy-filter-drops-secure-open").toAbsolutePath().normalize();
    CheckCommandTest.Run bundled = CheckCommandTest.run("check", pkg.toString());
    assertTrue(bundled.out().contains("[NS-11 FilterDropsSecureOpen]"), bundled.out());
    assertFalse(bundled.out().contains("NamespaceOpenNotFailed"), bundled.out());

    // Acme wants the NS-8 error as well when a filter dropped the flag: it replaces one inference step
    Path rules = write("ns/Ns.drl", NO_DROPPER_EXCEPTION.formatted("salience 100"));
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--rules", rules.getParent().toString(), pkg.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("[NS-11 FilterDropsSecureOpen]"), r.out());
    assertTrue(r.out().contains("[NS-8 NamespaceOpenNotFailed]"), r.out());
    CheckCommandTest.Run list = CheckCommandTest.run("rules", "list", "--rules", rules.getParent().toString());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("TopLacksSecureOpen ") && l.contains(" inference ")
        && l.contains("(Acme: dropped or not)")), list.out());

    // without a salience above the reporting rules' its facts could come too late: refused, at the rule
    Files.writeString(rules, NO_DROPPER_EXCEPTION.formatted(""));
    CheckCommandTest.Run late = CheckCommandTest.run("rules", "check", rules.getParent().toString());
    assertEquals(2, late.code(), late.out());
    assertTrue(late.err().contains(rules + ":8: rule_metadata_error: rule `TopLacksSecureOpen` derives facts"),
        late.err());
  }

  @Test
  void unknownRequirementIsExit2AtTheRuleLine() throws Exception {
    Path bad = write("bad/Unknown.drl", """
        package com.acme.unknown
        import io.drvguard.facts.model.IoctlDefinition

        rule "Unknown" @id("Unknown") @requirement("NOPE-9") @severity("warning") @title("Unknown")
        when $i : IoctlDefinition() then end
        """);
    CheckCommandTest.Run r = CheckCommandTest.run("rules", "check", bad.getParent().toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ":4: rule_metadata_error: rule `Unknown` names unknown requirement `NOPE-9`"), r.err());
  }

  @Test
  void noDefaultRulesDropsTheBundledSet() throws Exception {
    Path rules = write("rules/Acme.drl", OVERRIDE);
    write("rules/requirements.tsv", "ACME-1\tV\twarning\tIOCTL names follow the Acme convention\n");
    CheckCommandTest.Run r = CheckCommandTest.run("rules", "list", "--no-default-rules", "--rules", rules.getParent().toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().lines().count(), r.out());
    assertEquals(2, CheckCommandTest.run("rules", "list", "--no-default-rules").code());
  }

  /** docs/authoring.md's worked example, exactly as the guide runs it. */
  @Test
  void theAuthoringGuideExampleVerifies() {
    Path example = Path.of("../docs/examples/acme-rules");
    CheckCommandTest.Run check = CheckCommandTest.run("rules", "check", example.toString());
    assertEquals(0, check.code(), check.err());
    assertTrue(check.out().contains("UserModeIoctlAnyAccess [IOCTL-3, error] overrides the bundled rule"), check.out());
    CheckCommandTest.Run r = CheckCommandTest.run("verify", "--rules", example.toString(), "--coverage-threshold", "100",
        example.resolve("cases").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("verified 4 package cases (5 expectations)"), r.out());
    assertTrue(r.out().contains("rule coverage: 2/2 rules from --rules have a positive and a negative case (100.0%)"),
        r.out());
    assertTrue(!r.out().contains("warning:"), r.out());
    // the guide's folder documents its rules in docs/, as an author's folder may
    CheckCommandTest.Run doc = CheckCommandTest.run("rules", "doc", "--rules", example.toString(), "AcmeIoctlPrefix");
    assertTrue(doc.out().startsWith("# AcmeIoctlPrefix: IOCTL name lacks the IOCTL_ACME_ prefix\n"), doc.out());
  }
}
