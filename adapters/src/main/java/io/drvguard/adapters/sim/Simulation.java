package io.drvguard.adapters.sim;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Expectation;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.request.Decided;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs a scenario's steps, in order, through a fresh {@link DeviceModel}, streaming one
 * {@link StepResult} per step (nothing is collected, so results can be written out as they come),
 * and compares results with the steps' {@code expect}.
 */
public final class Simulation {
  private final Scenario scenario;
  private final DriverPackage pkg;
  private final PackageModel model;
  private final Target target;

  /** The scenario's own {@code target} wins; without one, the policy's ({@code policy.target}). */
  public Simulation(Scenario scenario, DriverPackage pkg, PolicySettings policy) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.pkg = Objects.requireNonNull(pkg, "pkg");
    this.model = PackageModel.of(pkg, policy);
    this.target = scenario.targetOr(policy.target());
  }

  public static Simulation of(LoadedScenario loaded) {
    return new Simulation(loaded.scenario(), loaded.pkg(), PolicySettings.DEFAULTS);
  }

  public static Simulation of(LoadedScenario loaded, PolicySettings policy) {
    return new Simulation(loaded.scenario(), loaded.pkg(), policy);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The OS target the steps run against. */
  public Target target() {
    return target;
  }

  /** A model in the initial state: nothing open, no kernel object created. */
  public DeviceModel newModel() {
    return new DeviceModel(scenario.name(), pkg, model, target);
  }

  /** The results of every step, lazily, in order; each call runs on a fresh model. */
  public Stream<StepResult> run(Function<Request, ? extends Decided> decider) {
    return stream(iterator(decider));
  }

  /** As {@link #run}, as an iterator. */
  public Iterator<StepResult> iterator(Function<Request, ? extends Decided> decider) {
    return run(newModel(), scenario.steps().iterator(), decider);
  }

  /** Runs {@code steps} (for instance generated ones) through {@code model}, one per {@code next()}. */
  public static Iterator<StepResult> run(DeviceModel model, Iterator<Step> steps,
      Function<Request, ? extends Decided> decider) {
    Objects.requireNonNull(decider, "decider");
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return steps.hasNext();
      }

      @Override
      public StepResult next() {
        if (!steps.hasNext()) {
          throw new NoSuchElementException();
        }
        return model.run(steps.next(), decider);
      }
    };
  }

  public static Stream<StepResult> stream(Iterator<StepResult> results) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(results, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** True when the step has no expectation, or every field it gives matches the decision. */
  public static boolean expectationMet(StepResult result) {
    return mismatches(result).isEmpty();
  }

  /**
   * What differs between the step's {@code expect} and its decision, one line per field (decision,
   * status, requirement, rule) and per guarded rule that voted; empty when the expectation holds or
   * there is none.
   */
  public static List<String> mismatches(StepResult result) {
    Expectation e = result.step().expect();
    List<String> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    Decision d = result.decision();
    if (d == null) {
      out.add("expected a decision, but the step was not decided");
      return out;
    }
    if (e.decision() != null && e.decision() != d.verdict()) {
      out.add("decision: expected " + e.decision().id() + ", got " + d.verdict().id());
    }
    if (e.status() != null && e.status() != d.status()) {
      out.add("status: expected " + e.status() + ", got " + d.status());
    }
    if (e.requirement() != null && !e.requirement().equals(d.requirement())) {
      out.add("requirement: expected " + e.requirement() + ", got " + d.requirement());
    }
    if (e.rule() != null && !e.rule().equals(d.ruleId())) {
      out.add("rule: expected " + e.rule() + ", got " + d.ruleId());
    }
    for (String g : e.guards()) {
      if (d.votes().contains(g)) {
        out.add("guards: " + g + " voted" + (g.equals(d.ruleId()) ? " and decided" : " (decided by " + d.ruleId() + ")"));
      }
    }
    return out;
  }
}
