package io.drvguard.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.engine.RuleDoc;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.library.verify.RuleCoverage;
import io.drvguard.library.verify.RuleCoverage.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each bundled rule is a findable unit (as Error Prone's BugPattern checks hold each check to a
 * doc and a positive and negative test): it ships with a doc ({@code rules/docs/<RuleId>.md}, read
 * from the rules jar) whose title, requirement line and headings fit its kind, and a case that
 * names it each way ({@link RuleCoverage}) in {@code regression/} or {@code examples/}. An inference
 * rule needs a doc but no case: it reports nothing a case could expect. Each failure names the rule.
 */
class RuleCatalogTest {
  /** Where the docs are written; what ships is read from the jar. */
  private static final Path DOC_SOURCES = Path.of("..", "rules", "docs");
  private static final Path REPO = Path.of("..");

  /**
   * Fail-closed guards that valid input cannot reach: the readers reject what would trigger them,
   * or the device model decides a forward's IOCTL first. No case can expect them;
   * DecisionRulesTest drives each with a hand-built request. They still need a negative case.
   */
  static final Set<String> UNREACHABLE =
      Set.of("NamespaceFileDescriptorUnknown", "IoctlValidationUnreadable", "ForwardOfUnallowedIoctl");

  private static final Map<Kind, List<String>> HEADINGS = Map.of(
      Kind.CHECK, List.of("Why", "How to fix", "Non-compliant example", "Compliant example"),
      Kind.DECISION, List.of("Why", "How to fix", "Example it decides", "Example it leaves to other rules"),
      Kind.INFERENCE, List.of("Why", "What it derives"));
  /** A section a doc of this kind may end with: an inference step shown on a package. */
  private static final Map<Kind, String> OPTIONAL_LAST = Map.of(Kind.INFERENCE, "Example");

  /** {@code Regression case: <path>} and {@code Scenario: <path>} lines, which name a folder or file of the repository. */
  private static final Pattern REFERENCE =
      Pattern.compile("(?m)^(?:Regression case|Scenario):\\s*`?([^`\\s]+)`?\\s*$");

  static Map<String, RuleMetadata> rules;
  static RuleCoverage coverage;

  @BeforeAll
  static void load() throws Exception {
    Corpus corpus = Corpus.get();
    rules = corpus.engine.ruleBase().rules();
    coverage = corpus.coverage;
  }

  @TestFactory
  Stream<DynamicTest> everyBundledRuleHasADocFitForItsKind() {
    return rules.values().stream().filter(r -> r.source().equals("bundled"))
        .map(r -> DynamicTest.dynamicTest(r.id(), () -> {
          RuleDoc doc = RuleDocs.bundled(r.id()).orElse(null);
          assertTrue(doc != null, () -> r.id() + " has no doc: write rules/docs/" + r.id() + ".md");
          List<String> problems = problems(r, doc);
          assertTrue(problems.isEmpty(), () -> "rules/docs/" + r.id() + ".md: " + String.join("; ", problems));
        }));
  }

  /** What is wrong with {@code doc} as the doc of {@code r} (see rules/docs' format). */
  static List<String> problems(RuleMetadata r, RuleDoc doc) {
    List<String> out = new ArrayList<>();
    Kind kind = Kind.of(r);
    String first = doc.markdown().lines().findFirst().orElse("");
    String title = "# " + r.id() + ": " + r.title();
    if (!first.equals(title)) {
      out.add("the first line is `" + first + "`, not `" + title + "` (the rule's @id and @title)");
    }
    String requirement = "Requirement: `" + r.requirement() + "`";
    String line = requirement + (kind == Kind.INFERENCE ? " · Kind: `inference`" : " · Severity: `" + r.severityOrKind() + "`");
    if (doc.markdown().lines().noneMatch(l -> l.strip().equals(line))) {
      out.add("no line `" + line + "`");
    }
    List<String> expected = HEADINGS.get(kind);
    List<String> found = doc.headings();
    String optional = OPTIONAL_LAST.get(kind);
    if (optional != null && !found.isEmpty() && found.get(found.size() - 1).equals(optional)) {
      found = found.subList(0, found.size() - 1);
    }
    if (!found.equals(expected)) {
      out.add("the sections of " + (kind == Kind.INFERENCE ? "an " : "a ") + kind.id() + " rule are "
          + expected.stream().map(h -> "`## " + h + "`").toList() + (optional == null ? "" : " (and `## " + optional
          + "` last, if any)") + ", in that order; found " + doc.headings().stream().map(h -> "`## " + h + "`").toList());
    }
    doc.sections().forEach((h, body) -> {
      if (body.isBlank()) {
        out.add("`## " + h + "` is empty");
      }
    });
    Matcher m = REFERENCE.matcher(doc.markdown());
    while (m.find()) {
      if (!Files.exists(REPO.resolve(m.group(1)))) {
        out.add("`" + m.group(0).strip() + "` names no file or folder of the repository");
      }
    }
    return out;
  }

  @Test
  void everyDocIsTheDocOfABundledRule() throws IOException {
    Set<String> orphans = new TreeSet<>();
    try (Stream<Path> s = Files.list(DOC_SOURCES)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
          .map(n -> n.substring(0, n.length() - 3)).filter(id -> !rules.containsKey(id)).forEach(orphans::add);
    }
    assertEquals(Set.of(), orphans, "docs in rules/docs for no bundled rule (renamed or removed rules?)");
  }

  @TestFactory
  Stream<DynamicTest> everyRuleHasANamedPositiveAndNegativeCase() {
    return rules.values().stream().filter(r -> Kind.of(r) != Kind.INFERENCE)
        .map(r -> DynamicTest.dynamicTest(r.id(), () -> {
          String where = Kind.of(r) == Kind.CHECK
              ? "regression/cases/" + r.requirement() + "/compliant/<case>/expected.json (`guards`)"
              : "a scenario step's `expect: {guards: [" + r.id() + "]}`";
          List<String> missing = new ArrayList<>();
          if (coverage.negatives(r.id()).isEmpty()) {
            missing.add("no negative case: name it in " + where);
          }
          if (!UNREACHABLE.contains(r.id()) && coverage.positives(r.id()).isEmpty()) {
            missing.add("no positive case: " + (Kind.of(r) == Kind.CHECK
                ? "a case under regression/cases/" + r.requirement() + "/noncompliant/ whose expected.json lists it"
                : "a scenario step with `expect: {rule: " + r.id() + "}`"));
          }
          assertTrue(missing.isEmpty(), () -> r.id() + " has " + String.join("; and ", missing));
        }));
  }

  @Test
  void theUnreachableRulesAreStillRulesAndStillUncovered() {
    // an entry that became reachable (or was renamed) must leave the list and get its case
    for (String id : UNREACHABLE) {
      assertTrue(rules.containsKey(id), id + " is no bundled rule");
      assertEquals(List.of(), coverage.positives(id), id + " has a positive case now: remove it from UNREACHABLE");
    }
  }

  @Test
  void aDocWithTheWrongTitleAndSectionsIsRefusedWithReasons() {
    RuleMetadata r = rules.values().stream().filter(x -> Kind.of(x) == Kind.CHECK).findFirst().orElseThrow();
    RuleDoc bad = new RuleDoc(r.id(), "# " + r.id() + ": another title\n\n## Why\nx\n"
        + "Regression case: regression/cases/NO-SUCH/noncompliant/x\n\n## How to fix\n", "x.md", true);
    List<String> problems = problems(r, bad);
    assertEquals(5, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("not `# " + r.id() + ": " + r.title() + "`"), problems::toString);
  }
}
