package io.drvguard.cli.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A regression case: a package directory under {@code <REQ-ID>/compliant/} or
 * {@code <REQ-ID>/noncompliant/} with an {@code expected.json}. The folder names the requirement
 * and the kind of case, so a new case needs no Java (as PMD's rule tests find theirs).
 */
public record PackageCase(
    Path directory, String requirement, boolean compliant, String description, List<ExpectedViolation> expected) {

  public static final String EXPECTED = "expected.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Case id as tests and reports show it: {@code OBJ-1/noncompliant/raw-pdo-iocreatedevice}. */
  public String id() {
    return requirement + "/" + (compliant ? "compliant" : "noncompliant") + "/" + directory.getFileName();
  }

  /** Every case below {@code root}, in path order. */
  public static List<PackageCase> discover(Path root) throws IOException {
    List<PackageCase> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path exp : s.filter(p -> p.getFileName().toString().equals(EXPECTED)).sorted().toList()) {
        out.add(load(root, exp.getParent()));
      }
    }
    return out;
  }

  static PackageCase load(Path root, Path dir) throws IOException {
    Path rel = root.relativize(dir);
    if (rel.getNameCount() != 3) {
      throw new IOException(dir + ": a case must sit at <REQ-ID>/compliant|noncompliant/<name>");
    }
    String requirement = rel.getName(0).toString();
    String kind = rel.getName(1).toString();
    if (!kind.equals("compliant") && !kind.equals("noncompliant")) {
      throw new IOException(dir + ": expected a compliant/ or noncompliant/ folder, found `" + kind + "`");
    }
    JsonNode json = MAPPER.readTree(dir.resolve(EXPECTED).toFile());
    List<ExpectedViolation> expected = new ArrayList<>();
    for (JsonNode v : json.path("violations")) {
      ExpectedViolation e = MAPPER.treeToValue(v, ExpectedViolation.class);
      if (e.requirement() == null) {
        throw new IOException(dir.resolve(EXPECTED) + ": every expected violation needs a requirement");
      }
      expected.add(e);
    }
    boolean compliant = kind.equals("compliant");
    if (compliant != expected.stream().noneMatch(e -> e.requirement().equals(requirement))) {
      throw new IOException(dir.resolve(EXPECTED) + ": a " + kind + " case of " + requirement
          + (compliant ? " must expect no " : " must expect at least one ") + requirement + " violation");
    }
    return new PackageCase(dir, requirement, compliant, json.path("description").asText(""), expected);
  }
}
