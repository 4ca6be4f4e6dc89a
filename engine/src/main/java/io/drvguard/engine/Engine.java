package io.drvguard.engine;

import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.model.ViolationSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * The embedding API: build once (the rule base is the expensive part), then check packages from
 * any number of threads; each check runs in its own short-lived session.
 */
public final class Engine {
  static final String SINK_GLOBAL = "report";

  private static final Comparator<Violation> ORDER = Comparator
      .comparing((Violation v) -> v.location() == null || v.location().file() == null ? "" : v.location().file())
      .thenComparingInt(v -> v.location() == null ? 0 : v.location().line())
      .thenComparing(Violation::ruleId)
      .thenComparing(v -> Objects.toString(v.subject(), ""));

  private final RuleBase ruleBase;
  private final EngineSettings settings;

  private Engine(RuleBase ruleBase, EngineSettings settings) {
    this.ruleBase = ruleBase;
    this.settings = settings;
  }

  /** An engine over the bundled rules with default settings. */
  public static Engine withBundledRules() throws RuleBaseException {
    return create(RuleBase.bundledSources(), EngineSettings.DEFAULTS);
  }

  public static Engine create(List<RuleSource> sources, EngineSettings settings) throws RuleBaseException {
    return new Engine(RuleBase.build(sources, RequirementCatalog.bundled()), settings);
  }

  public RuleBase ruleBase() {
    return ruleBase;
  }

  /** Static findings (kind V requirements) for one package. */
  public CheckResult check(DriverPackage pkg) {
    List<Violation> found = new ArrayList<>();
    ViolationSink sink = (ruleId, packageName, subject, message, location) ->
        found.add(violation(ruleId, packageName, subject, message, location));
    KieSession session = ruleBase.kieBase().newKieSession();
    try {
      if (ruleBase.declaresGlobal(SINK_GLOBAL)) {
        session.setGlobal(SINK_GLOBAL, sink);
      }
      for (Object fact : PackageFacts.of(pkg, settings.policy())) {
        session.insert(fact);
      }
      session.fireAllRules();
    } catch (ConsequenceException e) {
      throw new RuleEvaluationException(e.getMatch().getRule().getName(), pkg.name(), e.getCause());
    } finally {
      session.dispose();
    }
    found.sort(ORDER);
    return new CheckResult(pkg.name(), found);
  }

  private Violation violation(
      String ruleId, String packageName, String subject, String message, SourceLocation location) {
    RuleMetadata meta = ruleBase.rules().get(ruleId);
    if (meta == null) {
      throw new IllegalStateException("rule `" + ruleId + "` reported a finding but has no metadata");
    }
    Severity severity = settings.severityOverrides().getOrDefault(ruleId,
        settings.severityOverrides().getOrDefault(meta.requirement(), meta.severity()));
    return new Violation(ruleId, meta.requirement(), severity, packageName, subject, message, location, false);
  }
}
