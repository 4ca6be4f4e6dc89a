package io.drvguard.library.verify;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.Engine;
import io.drvguard.engine.EngineSettings;
import io.drvguard.facts.model.Violation;
import io.drvguard.source.SourcePackages;
import io.drvguard.source.SourceScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs package cases through the public engine API. A case's expectations are exact for its own
 * requirement (each expected finding present, no other finding of that requirement) and say
 * nothing about other requirements, so a case stays valid as rules for other areas are added.
 * A rule the case guards must report nothing at all.
 */
public final class CaseRunner {
  private final Engine engine;
  private final PackageReader reader = new PackageReader();

  /**
   * A case written as driver sources (with or without a manifest laid over them): its one driver
   * as {@code check} would read it.
   */
  private static io.drvguard.facts.model.DriverPackage scanned(Path dir) throws InputException {
    SourceScanner.Result r = new SourceScanner().scan(dir);
    if (!r.errors().isEmpty()) {
      throw r.errors().get(0);
    }
    if (r.drivers().size() != 1) {
      throw new InputException(dir.toString(), "case_not_one_driver",
          "a source case holds exactly one driver; the scan found " + r.drivers().size());
    }
    return new SourcePackages().load(r.drivers().get(0), new ArrayList<>());
  }

  public CaseRunner(Engine engine) {
    this.engine = engine;
  }

  public CaseOutcome run(PackageCase c) {
    List<String> problems = new ArrayList<>();
    Path manifest = ManifestReader.manifestIn(c.directory());
    boolean sources = SourceScanner.hasSources(c.directory());
    if (manifest == null && !sources) {
      return new CaseOutcome(c, List.of("no manifest or driver sources in " + c.directory()));
    }
    CheckResult result;
    try {
      result = engineFor(c).check(sources ? scanned(c.directory()) : reader.read(manifest));
    } catch (InputException e) {
      return new CaseOutcome(c, List.of((sources ? "sources do not scan: " : "manifest does not read: ")
          + e.getMessage()));
    }
    List<Violation> remaining = new ArrayList<>(result.violations());
    for (ExpectedViolation e : c.expected()) {
      Violation hit = remaining.stream().filter(e::matches).findFirst().orElse(null);
      if (hit == null) {
        problems.add("expected " + e + " but got " + describe(result.violations()));
      } else {
        remaining.remove(hit);
      }
    }
    for (Violation v : remaining) {
      if (v.requirement().equals(c.requirement())) {
        problems.add("unexpected " + v.requirement() + " " + v.ruleId() + " subject=" + v.subject()
            + " severity=" + v.severity().id() + ": " + v.message());
      }
    }
    for (String g : c.guards()) {
      List<Violation> hits = result.violations().stream().filter(v -> v.ruleId().equals(g)).toList();
      if (!hits.isEmpty()) {
        problems.add("guards " + g + ", but " + g + " reported: " + describe(hits));
      }
    }
    return new CaseOutcome(c, problems);
  }

  private Engine engineFor(PackageCase c) {
    if (c.target() == null || c.target() == engine.settings().policy().target()) {
      return engine;
    }
    EngineSettings s = engine.settings();
    return engine.withSettings(new EngineSettings(s.policy().withTarget(c.target()), s.severityOverrides(),
        s.ruleTimeBudget()));
  }

  private static String describe(List<Violation> vs) {
    if (vs.isEmpty()) {
      return "no findings";
    }
    StringBuilder sb = new StringBuilder();
    for (Violation v : vs) {
      sb.append(sb.length() == 0 ? "" : "; ").append(v.requirement()).append(' ').append(v.ruleId())
          .append(" subject=").append(v.subject()).append(" severity=").append(v.severity().id());
    }
    return sb.toString();
  }
}
