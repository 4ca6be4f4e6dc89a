package io.drvguard.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.adapters.sim.DeviceStateJson;
import io.drvguard.adapters.sim.Simulation;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.cli.DecisionRecord;
import io.drvguard.cli.DecisionReport;
import io.drvguard.engine.Evaluation;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides one event against its machine's state: rebuilds the machine's {@link DeviceModel} of the
 * package from the stored state, runs the step with {@link DeviceModel#run} (the code
 * {@code simulate} runs) and the engine as the decider, and gives the decision and the findings as
 * the JSON records of {@code simulate --format json} plus {@code machine} and {@code package}.
 *
 * <p>Fail closed, never dropped: an event for a package this instance does not have is denied, and
 * so is one whose evaluation throws; both say why, with the {@value #FAIL_CLOSED} rule id the
 * engine uses when no rule decides.
 *
 * <p>Thread-safe (the registry is read-only and the engine decides from any thread): one serves
 * every stream thread of an instance.
 */
public final class EventDecider {
  /** The rule id of a decision no rule made (as the engine's own fail-closed decisions). */
  public static final String FAIL_CLOSED = "FailClosed";

  /** Where the machines' states are kept: by {@link #stateKey}, as {@link DeviceStateJson} text. */
  public interface StateStore {
    /** The state stored under {@code key}, or null. */
    String get(String key);

    /** Stores {@code state} under {@code key}. */
    void put(String key, String state);
  }

  /** A decided event: its decision record and the records of its findings. */
  public record Outcome(ObjectNode decision, List<ObjectNode> violations) {}

  private final PackageRegistry packages;
  private final Function<Request, Evaluation> engine;
  private final ModelCache models = new ModelCache(ModelCache.DEFAULT_CAPACITY);

  /** @param engine decides a request with its findings ({@code Drvguard::evaluate} without explain) */
  public EventDecider(PackageRegistry packages, Function<Request, Evaluation> engine) {
    this.packages = Objects.requireNonNull(packages, "packages");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The key of a machine's state for one package: the machine, a NUL, the package name. */
  public static String stateKey(String machine, String packageName) {
    return machine + '\u0000' + packageName;
  }

  /**
   * Decides {@code event} and updates its machine's state in {@code store}; empty for a step that
   * is not decided ({@code close}, which only changes the state).
   *
   * @throws InputException when the step does not read (unknown step kind, principal, IOCTL, object…)
   */
  public Optional<Outcome> decide(Event event, StateStore store) throws InputException {
    Optional<DriverPackage> pkg = packages.get(event.packageName());
    if (pkg.isEmpty()) {
      // a step that does not read is a dead letter whatever its package; only the package checks wait
      Scenario.Step step = ScenarioReader.eventStep(event.step(), event.principal(), null);
      return Optional.of(denied(event, step, "package `" + event.packageName()
          + "` is not loaded on this instance (known: " + String.join(", ", packages.names()) + ")"));
    }
    Scenario.Step step = ScenarioReader.eventStep(event.step(), event.principal(), pkg.get());
    Target target = event.target() != null ? event.target() : packages.defaultTarget();
    String key = stateKey(event.machine(), event.packageName());
    StepResult r;
    try {
      String stored = store.get(key);
      DeviceModel model = models.get(key, stored, target);
      if (model == null) {
        model = packages.newModel(event.machine(), event.packageName(), target);
        if (stored != null) {
          model.restore(DeviceStateJson.read(stored));
        }
      }
      long before = model.version();
      r = model.run(step, this::evaluate);
      String now = stored;
      if (model.version() != before) {
        // only a step that changed the state writes it (an IOCTL, a forward or a deny does not)
        now = DeviceStateJson.write(model.snapshot());
        store.put(key, now);
      }
      models.put(key, now, target, model);
    } catch (RuntimeException e) {
      models.forget(key);
      return Optional.of(denied(event, step, "deciding the event failed: " + describe(e)));
    }
    if (!r.decided()) {
      return Optional.empty();
    }
    Evaluation evaluation = (Evaluation) r.outcome();
    DecisionRecord rec = new DecisionRecord(event.machine(), step.id(), r.request().kind(), r.request().principal(),
        r.request().target(), r.decision(), expected(step), step.expect() == null ? null : Simulation.expectationMet(r),
        step.expect() == null ? List.of() : Simulation.mismatches(r), step.location(), List.of());
    List<ObjectNode> violations = new ArrayList<>();
    for (Violation v : evaluation.violations()) {
      // as simulate reports them: the subject is the step
      Violation named = new Violation(v.ruleId(), v.requirement(), v.severity(), v.packageName(), step.id(),
          v.message(), v.location(), v.waived());
      violations.add(DecisionReport.violationJson(named).put("machine", event.machine()));
    }
    return Optional.of(new Outcome(json(event, rec), violations));
  }

  /** The engine's evaluation, or a fail-closed deny of {@code request} when it throws. */
  private Evaluation evaluate(Request request) {
    try {
      Evaluation e = engine.apply(request);
      if (e == null || e.decision() == null) {
        return failClosed(request, "the engine gave no decision");
      }
      return e;
    } catch (RuntimeException e) {
      return failClosed(request, "evaluation failed: " + describe(e));
    }
  }

  private static Evaluation failClosed(Request request, String why) {
    return new Evaluation(new Decision(request.id(), Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, 0,
        request.defaultRequirement(), FAIL_CLOSED, why + "; denied (fail closed)", List.of()), List.of(), List.of());
  }

  /**
   * A deny made without a request: the requirement is the one the engine's fail-closed deny of a
   * request of the step's kind names ({@link Request#defaultRequirement()}).
   */
  private Outcome denied(Event event, Scenario.Step step, String why) {
    String kind = step.kind();
    String requirement = switch (kind) {
      case "relativeOpen" -> "NS-6";
      case "ioctl" -> "IOCTL-2";
      case "forward" -> "PRIV-1";
      case "createObject" -> "STI-1";
      case "openObject" -> "STI-2";
      default -> "NS-1";
    };
    String id = step.id();
    Decision d = new Decision(event.machine() + "#" + id, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, 0, requirement,
        FAIL_CLOSED, why + "; denied (fail closed)", List.of());
    DecisionRecord rec = new DecisionRecord(event.machine(), id, kind, event.principal().name(), null, d,
        expected(step), null, List.of(), null, List.of());
    return new Outcome(json(event, rec), List.of());
  }

  private static String expected(Scenario.Step step) {
    return step.expect() == null || step.expect().decision() == null ? null : step.expect().decision().id();
  }

  private static ObjectNode json(Event event, DecisionRecord rec) {
    return DecisionReport.decisionJson(rec).put("machine", event.machine()).put("package", event.packageName());
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
