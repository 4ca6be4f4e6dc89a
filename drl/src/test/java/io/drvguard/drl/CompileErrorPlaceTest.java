package io.drvguard.drl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A DRL compile error is reported at the line and column of the expression at fault, not its rule's header. */
class CompileErrorPlaceTest {
  private static final String HEADER = """
      package drvguard.test
      import io.drvguard.facts.model.IoctlDefinition
      import io.drvguard.facts.model.DeviceObject
      import io.drvguard.facts.model.ViolationSink
      global ViolationSink report
      """;

  private static final String BROKEN = HEADER + """
      rule "UnknownField"
        @id("UnknownField") @requirement("IOCTL-3") @severity("warning") @title("Unknown field")
      when
        $i : IoctlDefinition(
            userMode,
            name != null,
            nosuchfield == 3 )
      then
      end

      rule "BadMethodInThen"
        @id("BadMethodInThen") @requirement("IOCTL-3") @severity("warning") @title("Bad method")
      when
        $i : IoctlDefinition( userMode )
      then
        // the statement spans lines; the executable model prints it on one, rewriting drools.getRule()
        report.violation(drools.getRule().getName(), $i.packageName(),
            $i.nameOfIt(), "message",
            $i.location());
      end

      rule "TypeMismatchInThen"
        @id("TypeMismatchInThen") @requirement("IOCTL-3") @severity("warning") @title("Type mismatch")
      when
        $i : IoctlDefinition( userMode )
      then
        String first = $i.name();
        int length = $i.codeText();
      end

      rule "TypeMismatchInWhen"
        @id("TypeMismatchInWhen") @requirement("OBJ-1") @severity("warning") @title("Type mismatch")
      when
        $d : DeviceObject(
            named(),
            rawMode > 3 )
      then
      end

      rule "SameBadMethodAgain"
        @id("SameBadMethodAgain") @requirement("IOCTL-3") @severity("warning") @title("Bad method again")
      when
        $i : IoctlDefinition( !userMode )
      then
        String other = "x";
        report.violation(drools.getRule().getName(), $i.packageName(), $i.nameOfIt(), other, $i.location());
      end
      """;

  private static List<RuleBaseException.Problem> problems(String text) {
    RuleBaseException e = assertThrows(RuleBaseException.class, () -> RuleBase.build(
        List.of(new RuleSource("acme/Broken.drl", text, false)), RequirementCatalog.bundled(),
        new RuleCompiler(Optional.empty())));
    return e.problems();
  }

  /** The 1-based line and column at which {@code fragment} first occurs after {@code after}. */
  private static int[] placeOf(String text, String after, String fragment) {
    int at = text.indexOf(fragment, text.indexOf(after));
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return new int[] {(int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1, at - lineStart + 1};
  }

  private static RuleBaseException.Problem withMessage(List<RuleBaseException.Problem> problems, String part) {
    List<RuleBaseException.Problem> found = problems.stream().filter(p -> p.message().contains(part)).toList();
    assertEquals(1, found.size(), part + " in " + problems);
    return found.get(0);
  }

  private static void assertAt(int[] expected, RuleBaseException.Problem p) {
    assertEquals("acme/Broken.drl", p.file(), p.toString());
    assertEquals("drl_compile_error", p.code(), p.toString());
    assertEquals(expected[0] + ":" + expected[1], p.line() + ":" + p.column(), p.toString());
  }

  @Test
  void everyErrorIsAtItsExpression() {
    List<RuleBaseException.Problem> problems = problems(BROKEN);
    RuleBaseException.Problem unknownField = withMessage(problems, "nosuchfield");
    assertAt(placeOf(BROKEN, "rule \"UnknownField\"", "nosuchfield == 3"), unknownField);
    // MVEL's position is within the expression, not the file: it would contradict the place
    assertTrue(!unknownField.message().contains("[Line:"), unknownField.message());
    assertAt(placeOf(BROKEN, "rule \"TypeMismatchInThen\"", "$i.codeText()"),
        withMessage(problems, "cannot convert from String to int"));
    assertAt(placeOf(BROKEN, "rule \"TypeMismatchInWhen\"", "rawMode > 3"),
        withMessage(problems, "rawMode > 3"));
    List<RuleBaseException.Problem> badMethod =
        problems.stream().filter(p -> p.message().contains("nameOfIt")).toList();
    assertEquals(2, badMethod.size(), problems.toString());
    assertAt(placeOf(BROKEN, "rule \"BadMethodInThen\"", "nameOfIt()"), badMethod.get(0));
    assertAt(placeOf(BROKEN, "rule \"SameBadMethodAgain\"", "nameOfIt()"), badMethod.get(1));
    assertEquals(5, problems.size(), problems.toString());
  }

  @Test
  void ruleTheExecutableModelCompilerThrowsOnIsCompiledTheClassicWay() throws Exception {
    // the executable model's compiler throws NumberFormatException on this constraint rather than
    // reporting it; the classic compiler takes the rule, as it takes DRL the executable model does not support
    String text = HEADER + """
        rule "NotANumber"
          @id("NotANumber") @requirement("OBJ-1") @severity("warning") @title("Not a number")
        when
          $d : DeviceObject(
              rawMode,
              position == "abc" )
        then
        end
        """;
    RuleBase rb = RuleBase.build(List.of(new RuleSource("acme/NotANumber.drl", text, false)),
        RequirementCatalog.bundled(), new RuleCompiler(Optional.empty()));
    assertTrue(rb.rules().containsKey("NotANumber"), rb.rules().keySet().toString());
  }
}
