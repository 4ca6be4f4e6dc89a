package io.drvguard.library.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleMetadata;
import io.drvguard.facts.policy.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A regression case: a package directory under {@code <REQ-ID>/compliant/} or
 * {@code <REQ-ID>/noncompliant/} with an {@code expected.json}. The folder names the requirement
 * and the kind of case, so a new case needs no Java (as PMD's rule tests find theirs).
 *
 * @param target the OS target the package is checked against ({@code "target"} in
 *     {@code expected.json}, as {@code policy.target}), or null for the engine's
 * @param guards the check rules the case guards ({@code "guards"} in {@code expected.json}): rules
 *     whose condition the package narrowly misses, so a rule that started to report it would fail
 *     the case. A compliant case is the negative case of the rules it guards, as a non-compliant
 *     case is the positive case of the rules it expects (see {@link RuleCoverage}).
 */
public record PackageCase(
    Path directory, String requirement, boolean compliant, String description, List<ExpectedViolation> expected,
    Target target, List<String> guards) {

  public PackageCase {
    expected = List.copyOf(expected);
    guards = List.copyOf(guards);
  }

  public static final String EXPECTED = "expected.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // a key written twice would otherwise keep its last value without a word
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Case id as tests and reports show it: {@code OBJ-1/noncompliant/raw-pdo-iocreatedevice}. */
  public String id() {
    return requirement + "/" + (compliant ? "compliant" : "noncompliant") + "/" + directory.getFileName();
  }

  /**
   * Every case below {@code root}, in path order. {@code rules} are the rules the cases run
   * against: a case that guards a rule not among them, or one that is not a check rule (only check
   * rules report on a package), is an input error naming the file.
   */
  public static List<PackageCase> discover(Path root, Map<String, RuleMetadata> rules) throws InputException {
    List<Path> found;
    List<Path> caseDirs;
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> all = s.toList();
      found = all.stream().filter(p -> p.getFileName().toString().equals(EXPECTED)).sorted().toList();
      caseDirs = all.stream().filter(PackageCase::inCaseFolder).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(root.toString(), "file_unreadable", "cannot search for cases: " + e.getMessage());
    }
    // a case without its expectation would otherwise be skipped without a word, and with it the
    // requirement it was meant to guard
    for (Path d : caseDirs) {
      if (!Files.isRegularFile(d.resolve(EXPECTED))) {
        throw new InputException(d.toString(), "case_missing_expectation", "case folder `" + d.getFileName()
            + "` under " + d.getParent().getFileName() + "/ has no " + EXPECTED + "; every case says what it expects"
            + " (an empty `violations` list for a compliant case)");
      }
    }
    List<PackageCase> out = new ArrayList<>();
    for (Path exp : found) {
      out.add(load(exp.getParent(), rules));
    }
    return out;
  }

  /** A folder at {@code <REQ-ID>/compliant|noncompliant/<name>}: where a case sits. */
  private static boolean inCaseFolder(Path p) {
    Path parent = p.getParent();
    if (parent == null || parent.getFileName() == null || !Files.isDirectory(p)) {
      return false;
    }
    String kind = parent.getFileName().toString();
    return kind.equals("compliant") || kind.equals("noncompliant");
  }

  static PackageCase load(Path dir, Map<String, RuleMetadata> rules) throws InputException {
    String file = dir.resolve(EXPECTED).toString();
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.getNameCount() < 3) {
      throw new InputException(file, "case_misplaced", "a case must sit at <REQ-ID>/compliant|noncompliant/<name>");
    }
    String requirement = abs.getParent().getParent().getFileName().toString();
    String kind = abs.getParent().getFileName().toString();
    if (!kind.equals("compliant") && !kind.equals("noncompliant")) {
      throw new InputException(file, "case_misplaced",
          "expected a compliant/ or noncompliant/ folder, found `" + kind + "`");
    }
    JsonNode json;
    List<ExpectedViolation> expected = new ArrayList<>();
    Target target = null;
    List<String> guards = new ArrayList<>();
    String text;
    try {
      text = Files.readString(dir.resolve(EXPECTED), StandardCharsets.UTF_8);
      json = MAPPER.readTree(text);
      if (json.has("target")) {
        String t = json.get("target").asText();
        target = Target.of(t).orElseThrow(() -> new InputException(file, "case_bad_value",
            "`target` is `" + t + "`; expected one of " + String.join(", ", Target.ids())));
      }
      for (JsonNode v : json.path("violations")) {
        ExpectedViolation e = MAPPER.treeToValue(v, ExpectedViolation.class);
        if (e.requirement() == null) {
          throw new InputException(file, "case_bad_value", "every expected violation needs a requirement");
        }
        expected.add(e);
      }
      if (json.has("guards")) {
        guards = guards(json.get("guards"), file, text, rules, expected);
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new InputException(file, line, col, "case_unreadable", e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
    } catch (IOException e) {
      throw new InputException(file, "file_unreadable", "cannot read: " + e.getMessage());
    }
    boolean compliant = kind.equals("compliant");
    if (compliant != expected.stream().noneMatch(e -> e.requirement().equals(requirement))) {
      throw new InputException(file, "case_bad_value", "a " + kind + " case of " + requirement
          + (compliant ? " must expect no " : " must expect at least one ") + requirement + " violation");
    }
    return new PackageCase(dir, requirement, compliant, json.path("description").asText(""), expected, target, guards);
  }

  /** The {@code guards} list: rule ids of check rules among {@code rules}, none also expected to report. */
  private static List<String> guards(JsonNode node, String file, String text, Map<String, RuleMetadata> rules,
      List<ExpectedViolation> expected) throws InputException {
    if (!node.isArray()) {
      throw new InputException(file, line(text, "\"guards\""), 0, "case_bad_value",
          "`guards` is a list of rule ids, such as [\"AttachedObjectNamed\"]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode g : node) {
      if (!g.isTextual() || g.asText().isBlank()) {
        throw new InputException(file, line(text, "\"guards\""), 0, "case_bad_value",
            "`guards` is a list of rule ids; `" + g + "` is not one");
      }
      String id = g.asText();
      RuleMetadata rule = rules.get(id);
      int at = line(text, "\"" + id + "\"");
      if (rule == null) {
        throw new InputException(file, at, 0, "case_unknown_rule", "`guards` names `" + id + "`, which is no rule"
            + " (`drvguard rules list` lists them)");
      }
      if (RuleCoverage.Kind.of(rule) != RuleCoverage.Kind.CHECK) {
        throw new InputException(file, at, 0, "case_bad_value", "`guards` names `" + id + "`, a "
            + RuleCoverage.Kind.of(rule).id() + " rule: a package case guards check rules (a scenario step guards"
            + " decision rules, with `expect: {guards: [...]}`)");
      }
      if (expected.stream().anyMatch(e -> id.equals(e.ruleId()))) {
        throw new InputException(file, at, 0, "case_bad_value", "`" + id
            + "` is both expected to report and guarded against");
      }
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** The 1-based line where {@code needle} first occurs in {@code text} from the {@code guards} key on, or 0. */
  private static int line(String text, String needle) {
    int i = text.indexOf(needle, Math.max(0, text.indexOf("\"guards\"")));
    return i < 0 ? 0 : 1 + (int) text.substring(0, i).chars().filter(c -> c == '\n').count();
  }
}
