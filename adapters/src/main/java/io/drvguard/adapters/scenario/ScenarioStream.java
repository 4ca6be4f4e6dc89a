package io.drvguard.adapters.scenario;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.UncheckedInputException;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.tree.StreamedDocument;
import io.drvguard.facts.model.DriverPackage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A scenario whose steps are read as they are asked for ({@link ScenarioReader#stream}): its
 * header (name, package, target, principals) and package are read and checked up front, each step
 * when it is reached, so only the current step is in memory however long the scenario is. A step
 * that does not read is reported when it is reached, with the same file, line and message as
 * {@link ScenarioReader#load} gives; steps before it have run by then.
 */
public final class ScenarioStream implements AutoCloseable {
  private final Scenario scenario;
  private final DriverPackage pkg;
  private final StreamedDocument.Items items;
  private final StepParser parser;

  ScenarioStream(Scenario scenario, DriverPackage pkg, StreamedDocument.Items items, StepParser parser) {
    this.scenario = scenario;
    this.pkg = pkg;
    this.items = items;
    this.parser = parser;
  }

  /** Everything but the steps: its {@link Scenario#steps()} is empty. */
  public Scenario scenario() {
    return scenario;
  }

  /** The package the scenario names. */
  public DriverPackage pkg() {
    return pkg;
  }

  /** The next step, read and checked, or null after the last. */
  public Step next() throws InputException {
    var s = items.next();
    return s == null ? null : parser.step(s);
  }

  /**
   * The remaining steps as an iterator (for {@link io.drvguard.adapters.sim.Simulation#run});
   * a step that does not read throws {@link UncheckedInputException}.
   */
  public Iterator<Step> iterator() {
    return new Iterator<>() {
      private Step next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = ScenarioStream.this.next();
          } catch (InputException e) {
            throw new UncheckedInputException(e);
          }
        }
        return next != null;
      }

      @Override
      public Step next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Step s = next;
        next = null;
        return s;
      }
    };
  }

  /** The scenario with every remaining step. */
  Scenario collect() throws InputException {
    List<Step> steps = new ArrayList<>();
    for (Step s = next(); s != null; s = next()) {
      steps.add(s);
    }
    return new Scenario(scenario.name(), scenario.file(), scenario.packagePath(), scenario.target(),
        scenario.principals(), steps);
  }

  @Override
  public void close() {
    items.close();
  }
}
