package io.drvguard.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drvguard.adapters.scenario.Context;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.adapters.sim.DeviceStateJson;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.Token;

/**
 * A scenario's steps as the events a machine would send ({@code replay}): the step written back
 * as its scenario mapping (access masks as numbers, descriptors as SDDL, names as read), the
 * principal who acts with its exact token, the scenario's package and target.
 */
public final class ScenarioEvents {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Principal LOCAL_SYSTEM = new Principal(DeviceModel.EVENT_MONITOR_PRINCIPAL, Token.localSystem());

  private ScenarioEvents() {}

  /** The event of {@code step} of {@code scenario}, on machine {@code machine}, for package {@code packageName}. */
  public static String event(Scenario scenario, String machine, String packageName, Step step) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("machine", machine);
    o.put("package", packageName);
    if (scenario.target() != null) {
      o.put("target", scenario.target().id());
    }
    Principal p = actor(scenario, step.action());
    ObjectNode principal = DeviceStateJson.token(p.token());
    principal.put("name", p.name());
    // the privileges are the token's, defaults included or not, exactly
    principal.put("noDefaultPrivileges", true);
    o.set("principal", principal);
    o.set("step", step(step));
    return o.toString();
  }

  /** Who acts in {@code a}: its {@code as}, else who holds its handle, else LocalSystem. */
  static Principal actor(Scenario scenario, Scenario.Action a) {
    Principal p = null;
    if (a instanceof Scenario.Open x) {
      p = x.as();
    } else if (a instanceof Scenario.RelativeOpen x) {
      p = x.as() != null ? x.as() : x.owner();
    } else if (a instanceof Scenario.Ioctl x) {
      p = x.owner();
    } else if (a instanceof Scenario.Forward x) {
      p = x.owner();
    } else if (a instanceof Scenario.CreateObject x) {
      p = x.as();
    } else if (a instanceof Scenario.OpenObject x) {
      p = x.as();
    } else if (a instanceof Scenario.Close) {
      p = scenario.firstPrincipal();
    }
    return p != null ? p : LOCAL_SYSTEM;
  }

  private static ObjectNode step(Step step) {
    ObjectNode s = MAPPER.createObjectNode();
    s.put("id", step.id());
    ObjectNode a = s.putObject(step.kind());
    if (step.action() instanceof Scenario.Open x) {
      a.put("as", x.as().name());
      a.put("path", x.path());
      a.put("access", Integer.toUnsignedLong(x.access()));
      if (x.fileDescriptor() != null) {
        a.put("fileSddl", Sddl.format(x.fileDescriptor()));
      }
    } else if (step.action() instanceof Scenario.RelativeOpen x) {
      a.put("handle", x.handle());
      if (x.as() != null) {
        a.put("as", x.as().name());
      }
      if (x.access() != null) {
        a.put("access", Integer.toUnsignedLong(x.access()));
      }
    } else if (step.action() instanceof Scenario.Ioctl x) {
      a.put("handle", x.handle());
      a.put("code", x.code());
    } else if (step.action() instanceof Scenario.Forward x) {
      a.put("handle", x.handle());
      a.put("code", x.code());
    } else if (step.action() instanceof Scenario.CreateObject x) {
      a.put("object", x.object());
      a.put("context", x.context().id());
      if (x.context() == Context.APPLICATION && x.as() != null) {
        a.put("as", x.as().name());
      }
    } else if (step.action() instanceof Scenario.OpenObject x) {
      a.put("object", x.object());
      a.put("context", x.context().id());
      if (x.context() == Context.APPLICATION && x.as() != null) {
        a.put("as", x.as().name());
      }
      a.put("access", Integer.toUnsignedLong(x.access()));
    } else if (step.action() instanceof Scenario.Close x) {
      a.put("handle", x.handle());
    }
    if (step.handle() != null) {
      s.put("handle", step.handle());
    }
    Scenario.Expectation e = step.expect();
    if (e != null) {
      ObjectNode x = s.putObject("expect");
      if (e.decision() != null) {
        x.put("decision", e.decision().id());
      }
      if (e.status() != null) {
        x.put("status", e.status().name());
      }
      if (e.requirement() != null) {
        x.put("requirement", e.requirement());
      }
      if (e.rule() != null) {
        x.put("rule", e.rule());
      }
      if (!e.guards().isEmpty()) {
        ArrayNode g = x.putArray("guards");
        e.guards().forEach(g::add);
      }
    }
    return s;
  }
}
