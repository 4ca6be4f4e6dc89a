package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled rule list ({@code META-INF/drvguard-rules.idx}) is kept by hand; this proves it
 * complete: it names exactly the DRL files of the rules module, so a new rule file cannot be left
 * out of the bundled rules without a failing build. It also proves that the decision rules that
 * only vote carry no {@code @severity}, which would mean nothing for them.
 */
class RuleIndexTest {
  private static final Path RULES = Path.of("..", "rules", "src", "main", "resources");

  @Test
  void theIndexNamesEveryBundledDrlFileAndNothingElse() throws IOException {
    List<String> onDisk;
    try (Stream<Path> s = Files.walk(RULES.resolve("drvguard"))) {
      onDisk = s.filter(p -> p.toString().endsWith(".drl"))
          .map(p -> RULES.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    List<String> indexed = Files.readAllLines(RULES.resolve(RuleBase.INDEX), StandardCharsets.UTF_8).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
    assertTrue(onDisk.size() >= 10, "DRL files found: " + onDisk);
    assertEquals(onDisk, indexed);
  }

  @Test
  void decisionRulesThatOnlyVoteHaveNoSeverity() throws Exception {
    int voters = 0;
    int inference = 0;
    for (RuleMetadata r : Engine.withBundledRules().ruleBase().rules().values()) {
      if (r.decision() && r.severity() == null) {
        voters++;
        assertEquals("decision", r.severityOrKind());
      }
      // a check rule without a severity is one that derives facts and reports nothing
      if (!r.decision() && r.severity() == null) {
        inference++;
        assertEquals("inference", r.severityOrKind());
      }
    }
    assertTrue(voters >= 30, "decision rules that only vote: " + voters);
    assertEquals(15, inference, "inference rules (Namespace.drl 8, Inf.drl 2, StillImage.drl 5)");
  }
}
