package io.drvguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.adapters.sim.DeviceStateJson;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import io.drvguard.library.Drvguard;
import io.drvguard.streams.DecisionTopology;
import io.drvguard.streams.EventDecider;
import io.drvguard.streams.PackageRegistry;
import io.drvguard.streams.Replay;
import io.drvguard.streams.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;

/**
 * What {@link StreamsBench} drives through a TopologyTestDriver: the application's
 * {@link DecisionTopology} over the fixture package, the events of several machines (scenario steps:
 * opens that bind handles, a few opens of names that do not exist, then IOCTLs on the handles that
 * were opened), and the same steps resolved by the package's {@link DeviceModel} as {@code simulate}
 * resolves them, so that {@code decideAll} of {@link #requests()} is the same work as the topology's.
 *
 * <p>The events of the machines are interleaved, as a topic partition holding several machines
 * would deliver them; each machine's own steps stay in order, since its IOCTLs need its opens.
 */
public final class StreamsSubject {
  public static final String EVENTS = Topics.DEFAULTS.events();
  public static final String DECISIONS = Topics.DEFAULTS.decisions();
  public static final String DEAD_LETTERS = Topics.DEFAULTS.deadLetters();

  /** Machines per batch; each sends {@code size / MACHINES} events. */
  static final int MACHINES = 10;
  /** Per machine: opens that bind a handle each, then opens of a name the package does not declare. */
  static final int HANDLE_OPENS = 20;
  static final int MISSING_OPENS = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventDecider decider;
  private final List<KeyValue<String, String>> events;
  private final List<Request> requests;

  private StreamsSubject(EventDecider decider, List<KeyValue<String, String>> events, List<Request> requests) {
    this.decider = decider;
    this.events = List.copyOf(events);
    this.requests = List.copyOf(requests);
  }

  /**
   * {@code size} events (a multiple of {@link #MACHINES}) of the fixture package, chosen with
   * {@code seed}, decided by {@code drvguard}'s engine and policy.
   */
  public static StreamsSubject of(Drvguard drvguard, Fixture fixture, int size, long seed) {
    if (size % MACHINES != 0 || size / MACHINES <= HANDLE_OPENS + MISSING_OPENS) {
      throw new IllegalArgumentException(size + " events do not split into " + MACHINES
          + " machines with IOCTLs after " + (HANDLE_OPENS + MISSING_OPENS) + " opens each");
    }
    PackageRegistry registry = PackageRegistry.of(drvguard.engine().settings().policy(), fixture.pkg());
    String pkg = fixture.pkg().name();
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<Step>> perMachine = new ArrayList<>();
    List<List<Request>> resolved = new ArrayList<>();
    List<List<Principal>> actors = new ArrayList<>();
    for (int m = 0; m < MACHINES; m++) {
      String machine = machine(m);
      // the machine's model, as the topology makes it, run with the engine to bind the handles
      DeviceModel model = registry.newModel(machine, pkg, registry.defaultTarget());
      List<Step> steps = new ArrayList<>();
      List<Request> reqs = new ArrayList<>();
      List<Principal> who = new ArrayList<>();
      List<String> handles = new ArrayList<>();
      List<Principal> owners = new ArrayList<>();
      int perMachineEvents = size / MACHINES;
      for (int i = 0; i < HANDLE_OPENS + MISSING_OPENS; i++) {
        Principal p = fixture.principalList().get(rnd.nextInt(fixture.principalList().size()));
        boolean missing = i >= HANDLE_OPENS;
        String path = missing
            ? "\\Device\\CtsoMissing" + rnd.nextInt(4)
            : fixture.deviceNames().get(rnd.nextInt(fixture.deviceNames().size()));
        int access = missing
            ? Fixture.ACCESSES[rnd.nextInt(Fixture.ACCESSES.length)]
            : Fixture.HANDLE_ACCESSES[rnd.nextInt(Fixture.HANDLE_ACCESSES.length)];
        String handle = missing ? null : "h" + i;
        Step step = new Step("o" + i, new Scenario.Open(p, path, access, null), handle, null, null);
        StepResult r = model.run(step, drvguard.engine()::decide);
        if (handle != null && r.decision().allowed()) {
          handles.add(handle);
          owners.add(p);
        }
        steps.add(step);
        reqs.add(r.request());
        who.add(p);
      }
      if (handles.isEmpty()) {
        throw new IllegalStateException(machine + ": no open was allowed, so no handle to send IOCTLs on");
      }
      List<IoctlDefinition> defs = fixture.pkg().ioctls();
      for (int i = steps.size(); i < perMachineEvents; i++) {
        int h = rnd.nextInt(handles.size());
        String code = defs.get(rnd.nextInt(defs.size())).name();
        Step step = new Step("i" + i, new Scenario.Ioctl(handles.get(h), code, null), null, null, null);
        StepResult r = model.run(step, drvguard.engine()::decide);
        steps.add(step);
        reqs.add(r.request());
        who.add(owners.get(h));
      }
      perMachine.add(steps);
      resolved.add(reqs);
      actors.add(who);
    }
    List<KeyValue<String, String>> events = new ArrayList<>(size);
    List<Request> requests = new ArrayList<>(size);
    for (int i = 0; i < size / MACHINES; i++) {
      for (int m = 0; m < MACHINES; m++) {
        String machine = machine(m);
        events.add(KeyValue.pair(machine, event(machine, pkg, actors.get(m).get(i), perMachine.get(m).get(i))));
        requests.add(resolved.get(m).get(i));
      }
    }
    EventDecider decider = new EventDecider(registry, r -> drvguard.evaluate(r, false));
    return new StreamsSubject(decider, events, requests);
  }

  private static String machine(int m) {
    return String.format(Locale.ROOT, "ws-%04d", m);
  }

  /** The event as DESIGN.md shapes it: machine, package, the acting principal's exact token, the step. */
  private static String event(String machine, String pkg, Principal p, Step step) {
    ObjectNode e = JSON.createObjectNode();
    e.put("machine", machine);
    e.put("package", pkg);
    ObjectNode principal = DeviceStateJson.token(p.token());
    principal.put("name", p.name());
    principal.put("noDefaultPrivileges", true);
    e.set("principal", principal);
    ObjectNode s = e.putObject("step");
    s.put("id", step.id());
    if (step.action() instanceof Scenario.Open o) {
      ObjectNode open = s.putObject("open");
      open.put("as", o.as().name());
      open.put("path", o.path());
      open.put("access", Integer.toUnsignedLong(o.access()));
    } else if (step.action() instanceof Scenario.Ioctl io) {
      ObjectNode ioctl = s.putObject("ioctl");
      ioctl.put("handle", io.handle());
      ioctl.put("code", io.code());
    }
    if (step.handle() != null) {
      s.put("handle", step.handle());
    }
    return e.toString();
  }

  /** The topology under measurement: the application's, deciding with the subject's engine. */
  public Topology topology() {
    return DecisionTopology.build(Topics.DEFAULTS, decider);
  }

  /** The application's streams settings (exactly-once) with its state stores under {@code stateDir}. */
  public Properties config(Path stateDir) {
    return Replay.properties("drvguard-bench", stateDir);
  }

  /** The events in order: key the machine, value the event's JSON. */
  public List<KeyValue<String, String>> events() {
    return events;
  }

  /** The requests the events' steps resolve to, in the same order. */
  public List<Request> requests() {
    return requests;
  }

  /** A decision record's verdict, status and rule, as {@link #verdictAndRule(Decision)} writes an engine decision's. */
  public static String verdictAndRule(String decisionJson) {
    try {
      JsonNode d = JSON.readTree(decisionJson);
      return d.path("decision").asText() + " " + d.path("status").asText() + " " + d.path("ruleId").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An engine decision's verdict, status and rule. */
  public static String verdictAndRule(Decision d) {
    return d.verdict().id() + " " + d.status().name() + " " + d.ruleId();
  }
}
