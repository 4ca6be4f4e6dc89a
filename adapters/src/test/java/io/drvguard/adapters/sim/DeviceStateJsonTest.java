package io.drvguard.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A model's state taken out, written as JSON, read back and put into a fresh model: every later
 * step resolves to the same request (so handles, closed handles, counts and kernel objects came
 * back whole) and the models end in the same state.
 */
class DeviceStateJsonTest {
  /** Allows everything, granting what was asked: every open binds its handle, every create records its object. */
  private static final Function<Request, Decision> ALLOW_ALL = r -> new Decision(r.id(), Verdict.ALLOW,
      NtStatus.STATUS_SUCCESS, r instanceof OpenRequest o ? o.desiredAccess() : 0, "NS-1", "Test", "allowed", List.of());

  @ParameterizedTest
  @ValueSource(strings = {"../examples/scenarios/scanner.scenario.yaml", "../examples/scenarios/toastbus.scenario.yaml",
      "../regression/scenarios/NS-5/do-exclusive.scenario.yaml",
      "../regression/scenarios/STI-1/session-namespaces.scenario.yaml",
      "../regression/scenarios/NS-6/closed-handle.scenario.yaml"})
  void stateSurvivesJsonAtEveryStep(String file) throws Exception {
    LoadedScenario loaded = new ScenarioReader().load(Path.of(file));
    Simulation sim = Simulation.of(loaded);
    List<Step> steps = loaded.scenario().steps();
    DeviceModel whole = sim.newModel();
    List<Request> expected = steps.stream().map(s -> whole.run(s, ALLOW_ALL).request()).toList();
    for (int split = 0; split <= steps.size(); split++) {
      DeviceModel first = sim.newModel();
      steps.subList(0, split).forEach(s -> first.run(s, ALLOW_ALL));
      String json = DeviceStateJson.write(first.snapshot());
      DeviceModel resumed = sim.newModel();
      resumed.restore(DeviceStateJson.read(json));
      assertEquals(json, DeviceStateJson.write(resumed.snapshot()), "state after step " + split);
      for (int i = split; i < steps.size(); i++) {
        assertEquals(expected.get(i), resumed.run(steps.get(i), ALLOW_ALL).request(),
            file + ": step " + steps.get(i).id() + " resumed after " + split);
      }
      assertEquals(DeviceStateJson.write(whole.snapshot()), DeviceStateJson.write(resumed.snapshot()));
    }
  }

  @Test
  void stateHoldsHandlesClosedHandlesCountsAndObjects() throws Exception {
    LoadedScenario loaded = new ScenarioReader().load(Path.of("../examples/scenarios/scanner.scenario.yaml"));
    DeviceModel m = Simulation.of(loaded).newModel();
    loaded.scenario().steps().forEach(s -> m.run(s, ALLOW_ALL));
    DeviceModel.State back = DeviceStateJson.read(DeviceStateJson.write(m.snapshot()));
    assertEquals(m.snapshot(), back);
    assertFalse(back.objects().isEmpty(), "the scanner scenario creates kernel objects");
    assertTrue(back.objects().values().stream().anyMatch(k -> k.descriptor() != null));

    LoadedScenario ns5 = new ScenarioReader().load(Path.of("../regression/scenarios/NS-5/do-exclusive.scenario.yaml"));
    DeviceModel e = Simulation.of(ns5).newModel();
    List<Step> steps = ns5.scenario().steps();
    e.run(steps.get(0), ALLOW_ALL);
    DeviceModel.State open = DeviceStateJson.read(DeviceStateJson.write(e.snapshot()));
    assertEquals(1, open.handles().size());
    assertEquals(List.of(1), List.copyOf(open.openCounts().values()));
    e.run(steps.get(2), ALLOW_ALL);
    DeviceModel.State closed = DeviceStateJson.read(DeviceStateJson.write(e.snapshot()));
    assertTrue(closed.handles().isEmpty());
    assertEquals(open.handles(), closed.closed());
    assertNotEquals(open, closed);
  }

  @Test
  void somethingElseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> DeviceStateJson.read("[1]"));
    assertThrows(IllegalArgumentException.class, () -> DeviceStateJson.read("{\"objects\":{\"a\":{\"type\":\"NOPE\"}}}"));
  }
}
