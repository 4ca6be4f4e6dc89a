package io.drvguard.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.cli.Main;
import io.drvguard.engine.Evaluation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import io.drvguard.library.Drvguard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled and regression scenario decided through the topology gives what {@code simulate}
 * gives: the same steps decided, with the same verdict, status, requirement, rule, reason,
 * principal, target and expectation result, and the same findings; and {@code replay} prints the
 * same report text as {@code drvguard simulate}.
 */
class ReplayMatchesSimulateTest {
  private static Drvguard drvguard;

  @BeforeAll
  static void engine() throws Exception {
    drvguard = Drvguard.withBundledRules();
  }

  static List<Path> scenarios() throws Exception {
    List<Path> out = new ArrayList<>();
    for (String root : List.of("../examples/scenarios", "../regression/scenarios")) {
      try (Stream<Path> s = Files.walk(Path.of(root))) {
        s.filter(p -> p.getFileName().toString().endsWith(".scenario.yaml")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void theCorpusIsThere() throws Exception {
    assertTrue(scenarios().size() > 20, "scenarios found: " + scenarios());
  }

  @TestFactory
  Stream<DynamicTest> decisionsAndFindingsMatch() throws Exception {
    return scenarios().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
      List<StepResult> simulated;
      try (Stream<StepResult> s = drvguard.simulate(file)) {
        simulated = s.filter(StepResult::decided).toList();
      }
      Replay.Result replayed = new Replay(drvguard).run(file);
      assertEquals(simulated.stream().map(r -> r.step().id()).toList(),
          replayed.steps().stream().map(s -> s.step().id()).toList(), "decided steps");
      for (int i = 0; i < simulated.size(); i++) {
        StepResult r = simulated.get(i);
        Replay.Step s = replayed.steps().get(i);
        Decision d = r.decision();
        JsonNode j = s.decision();
        String at = file + " step " + r.step().id();
        assertEquals(d.verdict().id(), j.path("decision").asText(), at);
        assertEquals(d.status().name(), j.path("status").asText(), at);
        assertEquals(d.requirement(), j.path("requirement").asText(), at);
        assertEquals(d.ruleId(), j.path("ruleId").asText(), at);
        assertEquals(d.reason(), j.path("reason").asText(), at);
        assertEquals(r.request().kind(), j.path("request").asText(), at);
        assertEquals(r.request().principal(), j.path("principal").isNull() ? null : j.path("principal").asText(), at);
        assertEquals(r.request().target(), j.path("target").isNull() ? null : j.path("target").asText(), at);
        List<String> expected = ((Evaluation) r.outcome()).violations().stream().map(v -> finding(v)).toList();
        List<String> got = s.violations().stream().map(v -> finding(Replay.violation(r.step(), v))).toList();
        assertEquals(expected, got, at + " findings");
      }
    }));
  }

  /** A finding's fields that both report (the subject is the step in both reports, so it is left out here). */
  private static String finding(Violation v) {
    return v.ruleId() + "|" + v.requirement() + "|" + v.severity() + "|" + v.packageName() + "|" + v.message() + "|"
        + v.location();
  }

  @Test
  void replayPrintsWhatSimulatePrints() throws Exception {
    List<Path> files = scenarios();
    String[] args = new String[files.size() + 1];
    args[0] = "simulate";
    for (int i = 0; i < files.size(); i++) {
      args[i + 1] = files.get(i).toString();
    }
    StringWriter simOut = new StringWriter();
    StringWriter simErr = new StringWriter();
    int simStatus = Main.run(new PrintWriter(simOut), new PrintWriter(simErr), args);
    StringWriter repOut = new StringWriter();
    StringWriter repErr = new StringWriter();
    int repStatus = new Replay(drvguard).print(files, "text", new PrintWriter(repOut), new PrintWriter(repErr));
    assertEquals(simErr.toString(), repErr.toString());
    assertEquals(simOut.toString(), repOut.toString());
    assertEquals(simStatus, repStatus);
    assertFalse(repOut.toString().isBlank());
  }
}
