package io.drvguard.library.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.drvguard.adapters.InputException;
import io.drvguard.facts.policy.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A regression case: a package directory under {@code <REQ-ID>/compliant/} or
 * {@code <REQ-ID>/noncompliant/} with an {@code expected.json}. The folder names the requirement
 * and the kind of case, so a new case needs no Java (as PMD's rule tests find theirs).
 *
 * @param target the OS target the package is checked against ({@code "target"} in
 *     {@code expected.json}, as {@code policy.target}), or null for the engine's
 */
public record PackageCase(
    Path directory, String requirement, boolean compliant, String description, List<ExpectedViolation> expected,
    Target target) {

  public static final String EXPECTED = "expected.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Case id as tests and reports show it: {@code OBJ-1/noncompliant/raw-pdo-iocreatedevice}. */
  public String id() {
    return requirement + "/" + (compliant ? "compliant" : "noncompliant") + "/" + directory.getFileName();
  }

  /** Every case below {@code root}, in path order. */
  public static List<PackageCase> discover(Path root) throws InputException {
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
      out.add(load(exp.getParent()));
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

  static PackageCase load(Path dir) throws InputException {
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
    try {
      json = MAPPER.readTree(dir.resolve(EXPECTED).toFile());
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
    return new PackageCase(dir, requirement, compliant, json.path("description").asText(""), expected, target);
  }
}
