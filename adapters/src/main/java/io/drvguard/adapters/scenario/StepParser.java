package io.drvguard.adapters.scenario;

import io.drvguard.adapters.tree.Uint32;
import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.Scenario.Action;
import io.drvguard.adapters.scenario.Scenario.Expectation;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.tree.Section;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns step mappings into {@link Step}s, one at a time and in order, with the bookkeeping that
 * lets unknown handles and duplicate ids be caught at read time: handle names and the ids seen so
 * far, nothing else of earlier steps.
 */
final class StepParser {
  private static final String KIND = "scenario";
  private static final Set<String> STEP_KEYS = Set.of("id", "handle", "expect");
  private static final Map<String, Set<String>> ARGS = Map.of(
      "open", Set.of("as", "path", "access", "fileSddl", "api"),
      "relativeOpen", Set.of("handle", "as", "access"),
      "ioctl", Set.of("handle", "code"),
      "forward", Set.of("handle", "code"),
      "createObject", Set.of("object", "context", "as"),
      "openObject", Set.of("object", "context", "as", "access"),
      "close", Set.of("handle"));
  private static final Set<String> EXPECT = Set.of("decision", "status", "requirement", "rule", "guards");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern REQUIREMENT = Pattern.compile("[A-Z]+-[0-9]+");
  private static final List<String> STEP_KINDS = ScenarioReader.STEP_KINDS;

  private final Map<String, Token> principals;
  private final DriverPackage pkg;
  /** Handle name → the principal of the latest step that binds it. */
  private final Map<String, Principal> owners = new HashMap<>();
  private final Set<String> ids = new HashSet<>();
  private int count;

  /** Who holds a handle no earlier step bound (a step that came alone); null: such a handle is an error. */
  private final Principal holder;

  StepParser(Map<String, Token> principals, DriverPackage pkg) {
    this(principals, pkg, null);
  }

  StepParser(Map<String, Token> principals, DriverPackage pkg, Principal holder) {
    this.principals = principals;
    this.pkg = pkg;
    this.holder = holder;
  }

  /** The step {@code s}, the next one of the scenario (its 1-based number names it when it has no id). */
  Step step(Section s) throws InputException {
    int number = ++count;
    List<String> kinds = new ArrayList<>();
    for (String key : s.keys()) {
      if (STEP_KINDS.contains(key)) {
        kinds.add(key);
      } else if (!STEP_KEYS.contains(key)) {
        List<String> all = new ArrayList<>(STEP_KINDS);
        all.addAll(STEP_KEYS);
        String hint = all.stream().filter(a -> Section.closeTo(a, key)).findFirst().map(a -> "; did you mean `" + a + "`?")
            .orElse("; a step has `id`, `handle`, `expect` and one of " + String.join(", ", STEP_KINDS));
        throw s.error(key, KIND + "_unknown_step_kind", "unknown step kind or key `" + s.keyPath(key) + "`" + hint);
      }
    }
    if (kinds.isEmpty()) {
      throw s.error(null, KIND + "_no_step_kind",
          "step `" + s.path() + "` has no kind; it needs one of " + String.join(", ", STEP_KINDS));
    }
    if (kinds.size() > 1) {
      throw s.error(kinds.get(1), KIND + "_two_step_kinds",
          "step `" + s.path() + "` has two kinds, `" + kinds.get(0) + "` and `" + kinds.get(1) + "`; write two steps");
    }
    String kind = kinds.get(0);
    String id = s.string("id", false);
    if (id == null || id.isBlank()) {
      id = "step" + number;
    }
    if (!ids.add(id)) {
      throw s.error(s.has("id") ? "id" : null, KIND + "_duplicate_step", "duplicate step id `" + id + "`");
    }
    Section args = s.child(kind);
    if (args == null) {
      throw s.error(kind, KIND + "_wrong_type", "`" + s.keyPath(kind) + "` must be a mapping of its arguments");
    }
    args.allowOnly(ARGS.get(kind));
    String handle = s.string("handle", false);
    if (handle != null && !kind.equals("open") && !kind.equals("relativeOpen")) {
      throw s.error("handle", KIND + "_bad_value", "`" + s.keyPath("handle")
          + "` binds the handle of an open; a `" + kind + "` step opens no handle");
    }
    Expectation expect = expectation(s);
    if (expect != null && kind.equals("close")) {
      throw s.error("expect", KIND + "_bad_value", "a `close` step is not decided, so it has nothing to expect");
    }
    Action action = action(kind, args);
    if (handle != null) {
      if (action instanceof Scenario.Open o) {
        owners.put(handle, o.as());
      } else if (action instanceof Scenario.RelativeOpen r) {
        owners.put(handle, r.as() != null ? r.as() : r.owner());
      }
    }
    return new Step(id, action, handle, expect, s.location());
  }

  private Action action(String kind, Section a) throws InputException {
    return switch (kind) {
      case "open" -> new Scenario.Open(principal(a, "as", true), a.string("path", true), access(a) | apiAccess(a),
          fileSddl(a));
      case "relativeOpen" -> {
        String h = handle(a);
        yield new Scenario.RelativeOpen(h, principal(a, "as", false),
            a.has("access") ? access(a) : null, owners.get(h));
      }
      case "ioctl" -> {
        String h = handle(a);
        yield new Scenario.Ioctl(h, code(a), owners.get(h));
      }
      case "forward" -> {
        String h = handle(a);
        yield new Scenario.Forward(h, code(a), owners.get(h));
      }
      case "createObject" -> {
        String object = object(a);
        Context c = context(a);
        yield new Scenario.CreateObject(object, c, contextPrincipal(a, c));
      }
      case "openObject" -> {
        String object = object(a);
        Context c = context(a);
        yield new Scenario.OpenObject(object, c, contextPrincipal(a, c), access(a));
      }
      case "close" -> new Scenario.Close(handle(a));
      default -> throw new IllegalStateException(kind);
    };
  }

  private Principal principal(Section a, String key, boolean required) throws InputException {
    String name = a.string(key, required);
    if (name == null) {
      return null;
    }
    Token t = principals.get(name);
    if (t == null) {
      throw a.error(key, KIND + "_unknown_principal", "`" + a.keyPath(key) + "` names `" + name
          + "`, which is not a principal of this scenario"
          + (principals.isEmpty() ? " (`principals` is empty)" : "; expected one of " + String.join(", ", principals.keySet())));
    }
    return new Principal(name, t);
  }

  private Principal contextPrincipal(Section a, Context c) throws InputException {
    if (c == Context.EVENT_MONITOR) {
      if (a.has("as")) {
        throw a.error("as", KIND + "_bad_value", "`" + a.keyPath("as")
            + "`: the event monitor context runs as LocalSystem; `as` applies to the application context only");
      }
      return null;
    }
    Principal p = principal(a, "as", false);
    if (p != null) {
      return p;
    }
    Map.Entry<String, Token> first = principals.entrySet().stream().findFirst().orElse(null);
    if (first == null) {
      throw a.error(null, KIND + "_unknown_principal", "`" + a.path()
          + "` runs in the application context and needs `as` or a principal in `principals`");
    }
    return new Principal(first.getKey(), first.getValue());
  }

  private String handle(Section a) throws InputException {
    String h = a.string("handle", true);
    if (holder != null) {
      owners.putIfAbsent(h, holder);
    }
    if (!owners.containsKey(h)) {
      throw a.error("handle", KIND + "_unknown_handle", "`" + a.keyPath("handle") + "` names `" + h
          + "`, which no earlier step binds (give an `open` step `handle: " + h + "`)");
    }
    return h;
  }

  private String code(Section a) throws InputException {
    Object raw = a.raw("code");
    if (raw == null) {
      throw a.error(null, KIND + "_missing_key", "missing required key `" + a.keyPath("code") + "`");
    }
    String code;
    if (raw instanceof Number) {
      long v;
      try {
        v = Uint32.of(raw);
      } catch (IllegalArgumentException e) {
        throw a.error("code", KIND + "_bad_value", "`" + a.keyPath("code") + "`: " + e.getMessage());
      }
      code = String.format(Locale.ROOT, "0x%08X", v);
    } else if (raw instanceof Boolean) {
      throw a.error("code", KIND + "_wrong_type", "`" + a.keyPath("code") + "` must be an IOCTL name or a control code");
    } else {
      code = raw.toString().trim();
    }
    if (pkg != null) {
      String problem = ScenarioReader.codeProblem(code, pkg);
      if (problem != null) {
        throw a.error("code", KIND + "_bad_value", "`" + a.keyPath("code") + "`: " + problem);
      }
    } else if (!IDENTIFIER.matcher(code).matches()) {
      try {
        CtlCode.parse(code);
      } catch (IllegalArgumentException e) {
        throw a.error("code", KIND + "_bad_value", "`" + a.keyPath("code") + "` is not a control code: " + e.getMessage());
      }
    }
    return code;
  }

  private String object(Section a) throws InputException {
    String object = a.string("object", true);
    if (pkg != null) {
      String problem = ScenarioReader.objectProblem(object, pkg);
      if (problem != null) {
        throw a.error("object", KIND + "_bad_value", "`" + a.keyPath("object") + "`: " + problem);
      }
    }
    return object;
  }

  private static Context context(Section a) throws InputException {
    String c = a.string("context", true);
    return Context.of(c).orElseThrow(() -> a.error("context", KIND + "_bad_value", "`" + a.keyPath("context")
        + "` is `" + c + "`; expected application or eventMonitor"));
  }

  private static SecurityDescriptor fileSddl(Section a) throws InputException {
    String sddl = a.string("fileSddl", false);
    if (sddl == null) {
      return null;
    }
    try {
      return Sddl.parse(sddl);
    } catch (IllegalArgumentException e) {
      throw a.error("fileSddl", KIND + "_bad_value", "`" + a.keyPath("fileSddl") + "` is not SDDL: " + e.getMessage());
    }
  }

  private static Expectation expectation(Section s) throws InputException {
    if (!s.has("expect")) {
      if (s.keys().contains("expect")) {
        if (s.raw("expect") == null) {
          throw s.error("expect", KIND + "_bad_value", "`" + s.keyPath("expect")
              + "` expects nothing; give decision, status, requirement, rule or guards");
        }
        throw s.error("expect", KIND + "_wrong_type", "`" + s.keyPath("expect") + "` must be a mapping");
      }
      return null;
    }
    Section e = s.child("expect");
    e.allowOnly(EXPECT);
    Verdict decision = null;
    String d = e.string("decision", false);
    if (d != null) {
      decision = Arrays.stream(Verdict.values()).filter(v -> v.id().equals(d.trim())).findFirst()
          .orElseThrow(() -> e.error("decision", KIND + "_bad_value",
              "`" + e.keyPath("decision") + "` is `" + d + "`; expected allow or deny"));
    }
    NtStatus status = null;
    String st = e.string("status", false);
    if (st != null) {
      status = Arrays.stream(NtStatus.values()).filter(v -> v.name().equals(st.trim())).findFirst()
          .orElseThrow(() -> e.error("status", KIND + "_bad_value", "`" + e.keyPath("status") + "` is `" + st
              + "`, not a status the engine returns; expected one of "
              + String.join(", ", Arrays.stream(NtStatus.values()).map(Enum::name).toList())));
    }
    String req = e.string("requirement", false);
    if (req != null && !REQUIREMENT.matcher(req.trim()).matches()) {
      throw e.error("requirement", KIND + "_bad_value", "`" + e.keyPath("requirement") + "` is `" + req
          + "`, not a requirement id such as NS-1");
    }
    String rule = e.string("rule", false);
    List<String> guards = new ArrayList<>();
    for (String g : e.strings("guards")) {
      if (g.isBlank()) {
        throw e.error("guards", KIND + "_bad_value", "`" + e.keyPath("guards") + "` is a list of rule ids; one is empty");
      }
      if (g.trim().equals(rule == null ? null : rule.trim())) {
        throw e.error("guards", KIND + "_bad_value", "`" + e.keyPath("guards") + "` names `" + g.trim()
            + "`, the rule expected to decide the step");
      }
      guards.add(g.trim());
    }
    if (decision == null && status == null && req == null && rule == null && guards.isEmpty()) {
      throw s.error("expect", KIND + "_bad_value", "`" + s.keyPath("expect")
          + "` expects nothing; give decision, status, requirement, rule or guards");
    }
    return new Expectation(decision, status, req == null ? null : req.trim(), rule, guards);
  }

  /**
   * What the {@code api} of an open adds to {@code access}: {@code native} (default) is NtCreateFile,
   * whose desired access the I/O manager sees as written; {@code win32} is CreateFile, which always
   * adds SYNCHRONIZE and FILE_READ_ATTRIBUTES (Win32 "File Security and Access Rights").
   */
  private static int apiAccess(Section a) throws InputException {
    String api = a.string("api", false);
    if (api == null || api.trim().equals("native")) {
      return 0;
    }
    if (api.trim().equals("win32")) {
      return AccessMask.SYNCHRONIZE | AccessMask.FILE_READ_ATTRIBUTES;
    }
    throw a.error("api", KIND + "_bad_value", "`" + a.keyPath("api") + "` is `" + api
        + "`; expected native (NtCreateFile, the default) or win32 (CreateFile)");
  }

  /** An access mask: a list of right names (or {@code A|B}), or a number; absent = 0. */
  static int access(Section a) throws InputException {
    int mask = 0;
    for (Object o : a.scalars("access")) {
      if (o instanceof Number || (o instanceof String t && Uint32.isNumber(t))) {
        try {
          mask |= (int) Uint32.of(o);
        } catch (IllegalArgumentException e) {
          throw a.error("access", KIND + "_bad_value", "`" + a.keyPath("access") + "`: " + e.getMessage()
              + "; an access mask is 32 bits");
        }
      } else if (o instanceof Boolean) {
        throw a.error("access", KIND + "_wrong_type", "`" + a.keyPath("access") + "` must be access right names or a number");
      } else {
        String text = o.toString().trim();
        try {
          mask |= AccessMask.parseName(text);
        } catch (IllegalArgumentException e) {
          throw a.error("access", KIND + "_bad_value", "`" + a.keyPath("access") + "`: " + e.getMessage());
        }
      }
    }
    return mask;
  }
}
