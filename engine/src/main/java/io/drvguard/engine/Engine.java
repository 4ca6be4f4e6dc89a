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
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.DecisionSink;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Origin;
import io.drvguard.facts.request.Request;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * The embedding API: build once (the rule base is the expensive part), then check packages and
 * decide requests from any number of threads; each call runs in its own short-lived session.
 */
public final class Engine {
  static final String SINK_GLOBAL = "report";
  static final String DECISIONS_GLOBAL = "decisions";

  private static final Comparator<Violation> ORDER = Comparator
      .comparing((Violation v) -> v.location() == null || v.location().file() == null ? "" : v.location().file())
      .thenComparingInt(v -> v.location() == null ? 0 : v.location().line())
      .thenComparing(Violation::ruleId)
      .thenComparing(v -> Objects.toString(v.subject(), ""));

  private final RuleBase ruleBase;
  private final EngineSettings settings;
  private final ThreadLocal<Reusable> reusable;

  private Engine(RuleBase ruleBase, EngineSettings settings) {
    this.ruleBase = ruleBase;
    this.settings = settings;
    this.reusable = ThreadLocal.withInitial(this::newSession);
  }

  /**
   * A session with its globals set once for its life: setting a global costs about as much as the
   * rest of a small decision, so each call points {@link Sinks} at its own collectors instead.
   */
  private record Reusable(KieSession session, Sinks sinks, RuleWatchdog.Watch watch) {
    /** The session is not to be used again (it threw, a rule left facts in it, or it was halted). */
    void discard() {
      RuleWatchdog.forget(watch);
      session.dispose();
    }
  }

  private Reusable newSession() {
    KieSession session = ruleBase.kieBase().newKieSession();
    FiringRule firing = new FiringRule();
    session.addEventListener(firing);
    Sinks sinks = new Sinks(firing);
    if (ruleBase.declaresGlobal(DECISIONS_GLOBAL)) {
      session.setGlobal(DECISIONS_GLOBAL, sinks);
    }
    if (ruleBase.declaresGlobal(SINK_GLOBAL)) {
      session.setGlobal(SINK_GLOBAL, sinks);
    }
    return new Reusable(session, sinks, RuleWatchdog.watch(session, firing, settings.ruleTimeBudget()));
  }

  /** The globals of one session, forwarding to the collectors of the call in progress. */
  private static final class Sinks implements DecisionSink, ViolationSink {
    private static final ViolationSink IGNORE = (r, p, s, m, l) -> { };

    private final FiringRule firing;
    DecisionSink votes;
    ViolationSink violations = IGNORE;

    Sinks(FiringRule firing) {
      this.firing = firing;
    }

    void use(DecisionSink votes, ViolationSink violations) {
      this.votes = votes;
      this.violations = violations;
    }

    /** Drops the collectors so that an idle session does not keep the last call's results. */
    void clear() {
      use(null, IGNORE);
    }

    @Override
    public void allow(String ruleId, Request request, int grantedAccess, String reason) {
      votes.allow(firing.own(ruleId), request, grantedAccess, reason);
    }

    @Override
    public void deny(String ruleId, Request request, NtStatus status, String reason) {
      votes.deny(firing.own(ruleId), request, status, reason);
    }

    @Override
    public void violation(String ruleId, String packageName, String subject, String message, SourceLocation location) {
      violations.violation(firing.own(ruleId), packageName, subject, message, location);
    }
  }

  /** An engine over the bundled rules with default settings. */
  public static Engine withBundledRules() throws RuleBaseException {
    return create(RuleBase.bundledSources(), EngineSettings.DEFAULTS);
  }

  public static Engine create(List<RuleSource> sources, EngineSettings settings) throws RuleBaseException {
    return create(sources, settings, RequirementCatalog.bundled());
  }

  /** An engine over {@code sources} whose rules may name the requirements of {@code catalog}. */
  public static Engine create(List<RuleSource> sources, EngineSettings settings, RequirementCatalog catalog)
      throws RuleBaseException {
    return new Engine(RuleBase.build(sources, catalog), settings);
  }

  public RuleBase ruleBase() {
    return ruleBase;
  }

  /** An engine over the same rule base (nothing is rebuilt) with other settings. */
  public Engine withSettings(EngineSettings other) {
    return new Engine(ruleBase, other);
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Static findings (kind V requirements) for one package. */
  public CheckResult check(DriverPackage pkg) {
    List<Violation> found = new ArrayList<>();
    FiringRule firing = new FiringRule();
    ViolationSink sink = (ruleId, packageName, subject, message, location) ->
        select(found, violation(firing.own(ruleId), packageName, subject, message, location));
    KieSession session = ruleBase.kieBase().newKieSession();
    session.addEventListener(firing);
    RuleWatchdog.Watch watch = RuleWatchdog.watch(session, firing, settings.ruleTimeBudget());
    String overrun;
    try {
      if (ruleBase.declaresGlobal(SINK_GLOBAL)) {
        session.setGlobal(SINK_GLOBAL, sink);
      }
      for (Object fact : PackageFacts.of(pkg, settings.policy())) {
        session.insert(fact);
      }
      overrun = watch.fire();
    } catch (ConsequenceException e) {
      throw new RuleEvaluationException(e.getMatch().getRule().getName(), pkg.name(), e.getCause());
    } finally {
      RuleWatchdog.forget(watch);
      session.dispose();
    }
    if (overrun != null) {
      throw new RuleEvaluationException(overrun, pkg.name(), new java.util.concurrent.TimeoutException(
          "the rules ran past the time budget of " + budgetText(watch) + " (policy.ruleTimeBudget) and were stopped"));
    }
    found.sort(ORDER);
    return new CheckResult(pkg.name(), found);
  }

  private static String budgetText(RuleWatchdog.Watch w) {
    long ms = w.budgetMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /** A rule whose consequence is running, and the thread running it. */
  public record Firing(String rule, Thread thread) {}

  /**
   * The rule running in this process now, when a consequence has started and not finished (for the
   * command line to name a rule that ends the run with {@code System.exit}); null otherwise.
   */
  public static Firing ruleFiringNow() {
    return FiringRule.lastUnfinished();
  }

  /**
   * Who is told (with the rule's id) when a rule's consequence is still running at twice the time
   * budget: it loops in its own code, where it cannot be stopped. The command line ends the run.
   */
  public static void onStuckRule(java.util.function.Consumer<String> handler) {
    RuleWatchdog.onStuck(handler);
  }

  /** Decides one request: allow/deny, NTSTATUS, the requirement and rule that decided. */
  public Decision decide(Request request) {
    return evaluate(request, false).decision();
  }

  /**
   * Decides many requests, a thousand to a session (cheaper than one session each); each request
   * is decided on its own facts. A rule that throws makes that chunk fall back to one request at a
   * time, so only the request it threw on is denied for it.
   */
  public List<Decision> decideAll(List<? extends Request> requests) {
    List<Decision> out = new ArrayList<>(requests.size());
    for (int from = 0; from < requests.size(); from += BATCH) {
      out.addAll(decideChunk(requests.subList(from, Math.min(requests.size(), from + BATCH))));
    }
    return out;
  }

  /**
   * Requests per session in {@link #decideAll}: a session holding every request of a large batch
   * gets slower per request as it grows, and holding them all costs memory for nothing.
   */
  static final int BATCH = 1_000;

  private static List<Decision> overrunChunk(List<? extends Request> requests, String rule, RuleWatchdog.Watch w) {
    List<Decision> out = new ArrayList<>(requests.size());
    for (Request r : requests) {
      out.add(Votes.failClosed(r, overrunReason(rule, w)));
    }
    return out;
  }

  private static String overrunReason(String rule, RuleWatchdog.Watch w) {
    return "rule `" + rule + "` ran past the time budget of " + budgetText(w)
        + " (policy.ruleTimeBudget) and was stopped";
  }

  private List<Decision> decideChunk(List<? extends Request> requests) {
    Votes votes = new Votes(ruleBase.rules());
    Reusable reused = reusable.get();
    KieSession session = reused.session();
    FactHandle[] handles = new FactHandle[requests.size()];
    boolean clean = false;
    boolean failed = false;
    String overrun = null;
    try {
      reused.sinks().use(votes, Sinks.IGNORE);
      for (int i = 0; i < handles.length; i++) {
        handles[i] = session.insert(requests.get(i));
      }
      overrun = reused.watch().fire();
      if (overrun != null) {
        // a halted session is not reused; the whole chunk is denied rather than run again
        clean = false;
        return overrunChunk(requests, overrun, reused.watch());
      }
      for (FactHandle h : handles) {
        if (!RuleBase.isOrphan(h)) {
          session.delete(h);
        }
      }
      clean = session.getFactCount() == 0;
    } catch (RuntimeException e) {
      failed = true;
    } finally {
      reused.sinks().clear();
      if (!clean) {
        reused.discard();
        reusable.remove();
      }
    }
    List<Decision> out = new ArrayList<>(requests.size());
    for (Request r : requests) {
      out.add(failed ? decide(r) : votes.decision(r));
    }
    return out;
  }

  /**
   * Decides one request and returns the decision with the violations its rules reported and,
   * when {@code explain} is set, the rules that fired and the facts they matched. Fails closed: a
   * request no rule decides, or whose evaluation throws, is denied with a reason that says so.
   */
  public Evaluation evaluate(Request request, boolean explain) {
    Votes votes = new Votes(ruleBase.rules());
    List<Violation> found = new ArrayList<>();
    List<FiredRule> trace = new ArrayList<>();
    // creating a session costs more than deciding one request, so each thread keeps one and
    // empties it after use; explained evaluations get a fresh one for their listener
    Reusable reused = explain ? newSession() : reusable.get();
    KieSession session = reused.session();
    boolean clean = false;
    try {
      // decision rules report a hole against the request: the package and place it came from are
      // the request's, so the finding is complete when made, whoever runs the evaluation
      Origin origin = request.origin();
      reused.sinks().use(votes, (ruleId, packageName, subject, message, location) ->
          select(found, violation(ruleId, packageName == null || packageName.isBlank() ? origin.packageName() : packageName,
              subject, message, location == null ? origin.location() : location)));
      if (explain) {
        session.addEventListener(new TraceListener(ruleBase.rules(), trace));
      }
      FactHandle handle = session.insert(request);
      String overrun = reused.watch().fire();
      if (overrun != null) {
        return new Evaluation(Votes.failClosed(request, overrunReason(overrun, reused.watch())), found, trace);
      }
      if (!RuleBase.isOrphan(handle)) {
        session.delete(handle);
      }
      clean = session.getFactCount() == 0;
    } catch (ConsequenceException e) {
      String rule = e.getMatch().getRule().getName();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Evaluation(Votes.failClosed(request, "evaluating rule `" + rule + "` failed: " + describe(cause)),
          found, trace);
    } catch (RuntimeException e) {
      return new Evaluation(Votes.failClosed(request, "evaluation failed: " + describe(e)), found, trace);
    } finally {
      reused.sinks().clear();
      if (explain || !clean) {
        // a session a rule left facts in, that threw or was halted, is not trusted with the next request
        reused.discard();
        if (!explain) {
          reusable.remove();
        }
      }
    }
    return new Evaluation(votes.decision(request), found, trace);
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Adds {@code v} to {@code found} when the settings' rule selection reports it. */
  private void select(List<Violation> found, Violation v) {
    if (settings.selection().reports(v.ruleId(), v.requirement())) {
      found.add(v);
    }
  }

  private Violation violation(
      String ruleId, String packageName, String subject, String message, SourceLocation location) {
    RuleMetadata meta = ruleBase.rules().get(ruleId);
    if (meta == null) {
      throw new IllegalStateException("rule `" + ruleId + "` reported a finding but has no metadata");
    }
    // a decision rule without @severity that reports all the same (through a helper, where the
    // rule's text shows no `.violation(`) reports an error: a finding is never without a severity
    Severity declared = meta.severity() == null ? Severity.ERROR : meta.severity();
    Severity severity = settings.severityOverrides().getOrDefault(ruleId,
        settings.severityOverrides().getOrDefault(meta.requirement(), declared));
    return new Violation(ruleId, meta.requirement(), severity, packageName, subject, message, location, false);
  }
}
