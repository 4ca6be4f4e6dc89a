package io.drvguard.streams;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.security.Token;
import java.util.Set;

/**
 * Reads the JSON value of an event: {@code {"machine", "package", "target"?, "principal": {"name"?,
 * "user", "groups", "privileges", "noDefaultPrivileges"?}, "step": {…}}}, with the scenario reader's
 * checks and messages. The principal's {@code name} defaults to the name the step's {@code as}
 * gives, else to the user SID, so that a step written for a scenario reads as it is.
 */
public final class EventReader {
  private static final String KIND = "event";
  private static final Set<String> TOP = Set.of("machine", "package", "target", "principal", "step");
  private static final Set<String> PRINCIPAL = Set.of("name", "user", "groups", "privileges", "noDefaultPrivileges");

  private EventReader() {}

  /**
   * The event {@code json}, the value of a record keyed {@code key}.
   *
   * @param where names the record in messages (topic, partition and offset)
   * @throws InputException when the value is not such an event, or its machine is not the key
   */
  public static Event read(String key, String json, String where) throws InputException {
    if (json == null) {
      throw new InputException(where, KIND + "_missing_value", "the record has no value");
    }
    Section top = TreeLoader.message(KIND, where, json);
    top.allowOnly(TOP);
    String machine = top.string("machine", true);
    if (key != null && !key.equals(machine)) {
      // the machine's state lives in the partition of its key; another key would split it
      throw top.error("machine", KIND + "_bad_value", "`machine` is `" + machine + "` but the record key is `" + key
          + "`; key each event by its machine");
    }
    String pkg = top.string("package", true);
    Target target = null;
    String t = top.string("target", false);
    if (t != null) {
      target = Target.of(t).orElseThrow(() -> top.error("target", KIND + "_bad_value",
          "`target` is `" + t + "`; expected one of " + String.join(", ", Target.ids())));
    }
    Section step = top.child("step");
    if (step == null) {
      throw top.error(top.has("step") ? "step" : null, KIND + "_missing_key",
          "missing required key `step` (a mapping: one scenario step)");
    }
    Section p = top.child("principal");
    if (p == null) {
      throw top.error(top.has("principal") ? "principal" : null, KIND + "_missing_key",
          "missing required key `principal` (a mapping with `user`)");
    }
    p.allowOnly(PRINCIPAL);
    Token token = ScenarioReader.token(p);
    String name = p.string("name", false);
    if (name == null || name.isBlank()) {
      name = asOf(step);
    }
    if (name == null || name.isBlank()) {
      name = token.user().toString();
    }
    return new Event(machine, pkg, target, new Scenario.Principal(name, token), step);
  }

  /** The principal the step's {@code as} names, if the step has one kind with an {@code as}. */
  private static String asOf(Section step) throws InputException {
    for (String kind : ScenarioReader.STEP_KINDS) {
      Section args = step.has(kind) ? step.child(kind) : null;
      if (args != null && args.has("as")) {
        Object as = args.raw("as");
        return as == null ? null : as.toString();
      }
    }
    return null;
  }
}
