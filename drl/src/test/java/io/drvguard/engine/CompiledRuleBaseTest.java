package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Building a rule base from DRL compiled at run time: what does not compile or validate, and where. */
class CompiledRuleBaseTest {
  private static final String HEADER = """
      package drvguard.test
      import io.drvguard.facts.model.IoctlDefinition
      import io.drvguard.facts.model.ViolationSink
      global ViolationSink report
      """;

  private static RuleSource drl(String name, String body) {
    return new RuleSource(name, HEADER + body, false);
  }

  @Test
  void compileErrorNamesFileLineAndColumn() {
    RuleSource bad = drl("my-rules/Broken.drl", """
        rule "Broken"
          @id("Broken") @requirement("IOCTL-3") @severity("warning") @title("Broken rule")
        when
          $i : IoctlDefinition( nosuchfield == 3 )
        then
        end
        """);
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(bad), RequirementCatalog.bundled()));
    RuleBaseException.Problem p = e.problems().get(0);
    assertEquals("my-rules/Broken.drl", p.file());
    assertEquals("drl_compile_error", p.code());
    assertEquals(8, p.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("my-rules/Broken.drl:8"), e.getMessage());
  }

  @Test
  void syntaxErrorNamesTheLine() {
    RuleSource bad = drl("Syntax.drl", """
        rule "Syntax"
          @id("Syntax") @requirement("IOCTL-3") @severity("warning") @title("Syntax")
        when
          $i : IoctlDefinition( 
        then
        end
        """);
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(bad), RequirementCatalog.bundled()));
    assertEquals("Syntax.drl", e.problems().get(0).file());
    assertTrue(e.problems().get(0).line() >= 8, e.getMessage());
  }

  @Test
  void missingMetadataIsAnErrorAtTheRuleLine() {
    RuleSource bad = drl("NoMeta.drl", """

        rule "NoMeta"
          @id("NoMeta") @requirement("IOCTL-3")
        when
          $i : IoctlDefinition()
        then
        end
        """);
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(bad), RequirementCatalog.bundled()));
    RuleBaseException.Problem p = e.problems().get(0);
    assertEquals("rule_metadata_error", p.code());
    assertEquals(6, p.line());
    assertTrue(p.message().contains("@severity") && p.message().contains("@title"), p.message());
  }

  @Test
  void unknownRequirementAndBadSeverityAndIdMismatchAreErrors() {
    RuleSource bad = drl("Bad.drl", """
        rule "A"
          @id("B") @requirement("NOPE-1") @severity("fatal") @title("Bad rule")
        when
          $i : IoctlDefinition()
        then
        end
        """);
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(bad), RequirementCatalog.bundled()));
    String msg = e.getMessage();
    assertTrue(msg.contains("unknown requirement `NOPE-1`"), msg);
    assertTrue(msg.contains("unknown severity `fatal`"), msg);
    assertTrue(msg.contains("the rule name must equal its @id"), msg);
  }

  @Test
  void duplicateRuleNamesAcrossFilesAreAnError() {
    String rule = """
        rule "Twice"
          @id("Twice") @requirement("IOCTL-3") @severity("warning") @title("Twice")
        when
          $i : IoctlDefinition()
        then
        end
        """;
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(drl("One.drl", rule), drl("Two.drl", rule)), RequirementCatalog.bundled()));
    assertFalse(e.problems().isEmpty());
  }
}
