package io.drvguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The mistakes a composite action file (action.yml) and the workflows that use it can make without
 * GitHub saying so before a run: a script step without a shell, an input or step output referenced
 * but never declared (it silently reads as empty), an input declared and never used, an action not
 * pinned to a version, an expression spliced into a script instead of passed through {@code env}.
 * Each check gives problems as sentences, so a test can show all of them at once.
 */
final class ActionLint {
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("\\binputs\\.([A-Za-z0-9_-]+)");
  private static final Pattern STEP_OUTPUT = Pattern.compile("\\bsteps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)");
  /** A major tag such as v4, a full version, or a commit: never a branch. */
  private static final Pattern PINNED = Pattern.compile("[^@\\s]+@(v\\d+(\\.\\d+){0,2}|[0-9a-f]{40})");

  private ActionLint() {}

  /** The YAML document of {@code text}, as maps, lists and scalars (YAML 1.1: a bare {@code on} key is {@code true}). */
  static Map<Object, Object> parse(String text) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    if (!(doc instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("not a YAML mapping");
    }
    return cast(m);
  }

  /** The problems of an action file's text; none for a sound one. */
  static List<String> actionProblems(String text) {
    Map<Object, Object> action = parse(text);
    List<String> problems = new ArrayList<>();
    for (String key : List.of("name", "description")) {
      if (!(action.get(key) instanceof String s) || s.isBlank()) {
        problems.add("no " + key);
      }
    }
    Map<Object, Object> branding = map(action.get("branding"));
    if (!branding.containsKey("icon") || !branding.containsKey("color")) {
      problems.add("branding needs an icon and a color");
    }
    Map<Object, Object> inputs = map(action.get("inputs"));
    inputs.forEach((name, spec) -> {
      if (!(map(spec).get("description") instanceof String d) || d.isBlank()) {
        problems.add("input `" + name + "` has no description");
      }
    });
    Map<Object, Object> runs = map(action.get("runs"));
    if (!"composite".equals(runs.get("using"))) {
      problems.add("runs.using is `" + runs.get("using") + "`, not composite");
    }
    List<Map<Object, Object>> steps = list(runs.get("steps"));
    if (steps.isEmpty()) {
      problems.add("runs.steps is empty");
    }
    Map<String, String> scripts = new LinkedHashMap<>();
    Set<String> earlier = new LinkedHashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Map<Object, Object> step = steps.get(i);
      String label = "step " + (i + 1) + (step.get("name") == null ? "" : " (" + step.get("name") + ")");
      stepProblems(step, label, problems);
      // a step may read the outputs of the steps before it only
      for (String[] ref : stepOutputs(scalars(step))) {
        if (!earlier.contains(ref[0])) {
          problems.add(label + " reads `steps." + ref[0] + ".outputs." + ref[1] + "` of no earlier step");
        }
      }
      if (step.get("id") instanceof String id) {
        if (!earlier.add(id)) {
          problems.add(label + ": step id `" + id + "` is not unique");
        }
        scripts.put(id, step.get("run") instanceof String r ? r : "");
      }
    }
    Map<Object, Object> outputs = map(action.get("outputs"));
    outputs.forEach((name, spec) -> {
      Object value = map(spec).get("value");
      if (!(value instanceof String v) || stepOutputs(v).isEmpty()) {
        problems.add("output `" + name + "` has no `steps.<id>.outputs.<name>` value");
      }
    });
    for (String[] ref : stepOutputs(text)) {
      String script = scripts.get(ref[0]);
      if (script == null) {
        problems.add("`steps." + ref[0] + ".outputs." + ref[1] + "` names no step id");
      } else if (!script.isEmpty() && !script.contains(ref[1] + "=")) {
        problems.add("step `" + ref[0] + "` never writes its output `" + ref[1] + "`");
      }
    }
    Set<String> used = new LinkedHashSet<>();
    for (String expression : expressions(text)) {
      Matcher m = INPUT.matcher(expression);
      while (m.find()) {
        used.add(m.group(1));
        if (!inputs.containsKey(m.group(1))) {
          problems.add("`inputs." + m.group(1) + "` is not declared");
        }
      }
    }
    for (Object name : inputs.keySet()) {
      if (!used.contains(String.valueOf(name))) {
        problems.add("input `" + name + "` is declared but never used");
      }
    }
    return problems.stream().distinct().toList();
  }

  private static void stepProblems(Map<Object, Object> step, String label, List<String> problems) {
    boolean run = step.containsKey("run");
    boolean uses = step.containsKey("uses");
    if (run == uses) {
      problems.add(label + " needs exactly one of `run` and `uses`");
    }
    if (run) {
      if (!(step.get("shell") instanceof String s) || s.isBlank()) {
        problems.add(label + " runs a script without `shell`");
      }
      // ${{ }} is pasted into the script text before the shell reads it: a value with a quote or
      // $(...) would run as code, so values reach scripts through env
      if (String.valueOf(step.get("run")).contains("${{")) {
        problems.add(label + " puts an expression in its script; pass it through `env`");
      }
    }
    if (uses) {
      problems.addAll(pinning(String.valueOf(step.get("uses")), label));
    }
  }

  /** Problems of one {@code uses:} value: it must name a version tag or a commit. */
  static List<String> pinning(String uses, String label) {
    return PINNED.matcher(uses).matches() ? List.of() : List.of(label + " uses `" + uses + "`, not pinned to a version tag");
  }

  /**
   * The problems of an example workflow: every step pinned, code scanning upload allowed, and each
   * use of the action giving only inputs it declares and reading only outputs it declares.
   *
   * @param actionRef the {@code uses:} prefix of the action, such as {@code drvguard/drvguard@}
   */
  static List<String> workflowProblems(String text, String actionRef, Set<String> inputs, Set<String> outputs) {
    Map<Object, Object> workflow = parse(text);
    List<String> problems = new ArrayList<>();
    int usesOfAction = 0;
    for (Map.Entry<Object, Object> job : map(workflow.get("jobs")).entrySet()) {
      Map<Object, Object> spec = map(job.getValue());
      Map<Object, Object> permissions = map(spec.getOrDefault("permissions", workflow.get("permissions")));
      Set<String> actionStepIds = new LinkedHashSet<>();
      List<Map<Object, Object>> steps = list(spec.get("steps"));
      for (int i = 0; i < steps.size(); i++) {
        Map<Object, Object> step = steps.get(i);
        String label = "job " + job.getKey() + " step " + (i + 1);
        if (!(step.get("uses") instanceof String uses)) {
          continue;
        }
        problems.addAll(pinning(uses, label));
        if (!uses.startsWith(actionRef)) {
          continue;
        }
        usesOfAction++;
        if (step.get("id") instanceof String id) {
          actionStepIds.add(id);
        }
        for (Object key : map(step.get("with")).keySet()) {
          if (!inputs.contains(String.valueOf(key))) {
            problems.add(label + " gives input `" + key + "`, which the action does not declare");
          }
        }
        if (!"write".equals(permissions.get("security-events"))) {
          problems.add("job " + job.getKey() + " uploads SARIF without `permissions: security-events: write`");
        }
      }
      for (String[] ref : stepOutputs(scalars(spec))) {
        if (actionStepIds.contains(ref[0]) && !outputs.contains(ref[1])) {
          problems.add("job " + job.getKey() + " reads output `" + ref[1] + "`, which the action does not declare");
        }
      }
    }
    if (usesOfAction == 0) {
      problems.add("no step uses " + actionRef);
    }
    return problems;
  }

  /** The text inside every {@code ${{ }}}, and every {@code if:} condition (which may go without the braces). */
  static List<String> expressions(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    Matcher conditions = Pattern.compile("(?m)^\\s*if:\\s*(.+)$").matcher(text);
    while (conditions.find()) {
      out.add(conditions.group(1));
    }
    return out;
  }

  /** Each {@code steps.ID.outputs.NAME} in the expressions of {@code text}, as {ID, NAME}. */
  static List<String[]> stepOutputs(String text) {
    List<String[]> out = new ArrayList<>();
    for (String expression : expressions(text)) {
      Matcher m = STEP_OUTPUT.matcher(expression);
      while (m.find()) {
        out.add(new String[] {m.group(1), m.group(2)});
      }
    }
    return out;
  }

  /**
   * The scalars of a parsed node, one a line, an {@code if:} condition wrapped in {@code ${{ }}} as
   * GitHub reads it, so the expressions of one step or job can be looked at apart from the rest.
   */
  static String scalars(Object node) {
    StringBuilder out = new StringBuilder();
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.append("if".equals(k) && v instanceof String c && !c.contains("${{")
          ? "${{ " + c + " }}\n" : scalars(v)));
    } else if (node instanceof List<?> l) {
      l.forEach(e -> out.append(scalars(e)));
    } else if (node != null) {
      out.append(node).append('\n');
    }
    return out.toString();
  }

  static Map<Object, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  static List<Map<Object, Object>> list(Object o) {
    List<Map<Object, Object>> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object e : l) {
        out.add(map(e));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> cast(Map<?, ?> m) {
    return (Map<Object, Object>) m;
  }
}
