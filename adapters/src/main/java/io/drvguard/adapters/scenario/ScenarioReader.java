package io.drvguard.adapters.scenario;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.adapters.scenario.Scenario.Action;
import io.drvguard.adapters.scenario.Scenario.Expectation;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code *.scenario.yaml} files (DESIGN.md "Scenario", with the extensions listed in
 * {@link io.drvguard.adapters.scenario}). Every problem is an {@link InputException} naming the
 * file, the key path and the line: unknown keys, wrong types, unknown principals, handles, step
 * kinds, access names, status names, targets, duplicate step ids, steps with zero or two kinds.
 *
 * <p>{@link #read(Path)} checks the scenario on its own; {@link #load(Path)} also reads the
 * package and checks the references into it (IOCTL names, kernel object names).
 */
public final class ScenarioReader {
  private static final String KIND = "scenario";
  private static final Set<String> TOP = Set.of("scenario", "package", "target", "principals", "steps");
  private static final Set<String> PRINCIPAL = Set.of("user", "groups", "privileges");
  /** Step kinds in DESIGN.md order, then the {@code close} extension. */
  public static final List<String> STEP_KINDS =
      List.of("open", "relativeOpen", "ioctl", "forward", "createObject", "openObject", "close");
  private static final Set<String> STEP_KEYS = Set.of("id", "handle", "expect");
  private static final Map<String, Set<String>> ARGS = Map.of(
      "open", Set.of("as", "path", "access", "fileSddl"),
      "relativeOpen", Set.of("handle", "as", "access"),
      "ioctl", Set.of("handle", "code"),
      "forward", Set.of("handle", "code"),
      "createObject", Set.of("object", "context", "as"),
      "openObject", Set.of("object", "context", "as", "access"),
      "close", Set.of("handle"));
  private static final Set<String> EXPECT = Set.of("decision", "status", "requirement", "rule");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PRIVILEGE = Pattern.compile("Se[A-Za-z]+Privilege");
  private static final Pattern REQUIREMENT = Pattern.compile("[A-Z]+-[0-9]+");
  private static final String SUFFIX = ".scenario.yaml";

  private final PackageReader packages = new PackageReader();

  /** Reads and checks {@code file} on its own (the package is located, not read). */
  public Scenario read(Path file) throws InputException {
    return parse(file, false).scenario;
  }

  /** Reads {@code file} and the package it names, and checks the steps' references into it. */
  public LoadedScenario load(Path file) throws InputException {
    Parsed p = parse(file, true);
    return new LoadedScenario(p.scenario, p.pkg);
  }

  /**
   * Checks the references of an already read scenario into {@code pkg}: IOCTL names and kernel
   * object names. Errors point at the step.
   */
  public static void checkAgainst(Scenario scenario, DriverPackage pkg) throws InputException {
    for (Step step : scenario.steps()) {
      SourceLocation at = step.location();
      Action a = step.action();
      String problem = null;
      if (a instanceof Scenario.Ioctl i) {
        problem = codeProblem(i.code(), pkg);
      } else if (a instanceof Scenario.Forward fw) {
        problem = codeProblem(fw.code(), pkg);
      } else if (a instanceof Scenario.CreateObject c) {
        problem = objectProblem(c.object(), pkg);
      } else if (a instanceof Scenario.OpenObject o) {
        problem = objectProblem(o.object(), pkg);
      }
      if (problem != null) {
        throw new InputException(at == null ? scenario.file().toString() : at.file(), at == null ? 0 : at.line(),
            at == null ? 0 : at.column(), KIND + "_bad_value", "step `" + step.id() + "`: " + problem);
      }
    }
  }

  /** The package IOCTL named {@code code}, else the one whose control code {@code code} parses to; null when none. */
  public static IoctlDefinition ioctlOf(String code, DriverPackage pkg) {
    for (IoctlDefinition d : pkg.ioctls()) {
      if (d.name().equals(code)) {
        return d;
      }
    }
    CtlCode parsed = parseCode(code);
    if (parsed == null) {
      return null;
    }
    for (IoctlDefinition d : pkg.ioctls()) {
      if (d.code().value() == parsed.value()) {
        return d;
      }
    }
    return null;
  }

  /** {@code code} as a number or CTL_CODE text, or null when it is neither. */
  public static CtlCode parseCode(String code) {
    try {
      return CtlCode.parse(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The package's kernel object named {@code name} (object names are case-insensitive), or null. */
  public static KernelObjectDef kernelObjectOf(String name, DriverPackage pkg) {
    for (KernelObjectDef k : pkg.kernelObjects()) {
      if (k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    return null;
  }

  private static String codeProblem(String code, DriverPackage pkg) {
    if (ioctlOf(code, pkg) != null || parseCode(code) != null) {
      return null;
    }
    return "`" + code + "` is neither an IOCTL of package `" + pkg.name() + "` nor a control code";
  }

  private static String objectProblem(String object, DriverPackage pkg) {
    if (kernelObjectOf(object, pkg) != null) {
      return null;
    }
    return "`" + object + "` is not a kernel object of package `" + pkg.name() + "`"
        + (pkg.kernelObjects().isEmpty() ? " (it declares none)"
            : "; expected one of " + String.join(", ", pkg.kernelObjects().stream().map(KernelObjectDef::name).toList()));
  }

  private record Parsed(Scenario scenario, DriverPackage pkg) {}

  private Parsed parse(Path file, boolean loadPackage) throws InputException {
    Section top = TreeLoader.load(KIND, file);
    String f = file.toString();
    if (top.isEmpty()) {
      throw new InputException(f, 1, 0, KIND + "_missing_key", "the scenario is empty; it needs `package` and `steps`");
    }
    top.allowOnly(TOP);
    String name = top.string("scenario", false);
    if (name == null || name.isBlank()) {
      String fn = file.getFileName().toString();
      name = fn.endsWith(SUFFIX) ? fn.substring(0, fn.length() - SUFFIX.length()) : fn;
    }
    Path pkgPath = packagePath(top, file);
    Target target = Target.DEFAULT;
    String t = top.string("target", false);
    if (t != null) {
      target = Target.of(t).orElseThrow(() -> top.error("target", KIND + "_bad_value",
          "`target` is `" + t + "`; expected one of " + String.join(", ", Target.ids())));
    }
    Map<String, Token> principals = principals(top);
    DriverPackage pkg = loadPackage ? packages.read(pkgPath) : null;
    if (!top.has("steps") && top.keys().stream().noneMatch("steps"::equals)) {
      throw new InputException(f, 1, 0, KIND + "_missing_key", "missing required key `steps`");
    }
    Scenario scenario = new Scenario(name, file, pkgPath, target, principals, new StepParser(principals, pkg).steps(top));
    return new Parsed(scenario, pkg);
  }

  private static Path packagePath(Section top, Path file) throws InputException {
    String text = top.string("package", true);
    Path dir = file.toAbsolutePath().getParent();
    Path p;
    try {
      p = dir.resolve(text).normalize();
    } catch (RuntimeException e) {
      throw top.error("package", KIND + "_bad_value", "`package` is not a valid path: `" + text + "`");
    }
    if (Files.isDirectory(p)) {
      Path manifest = ManifestReader.manifestIn(p);
      if (manifest == null) {
        throw top.error("package", "file_not_found", "`package` names the directory `" + text
            + "`, which holds no manifest (" + String.join(", ", ManifestReader.MANIFEST_NAMES) + ")");
      }
      return manifest;
    }
    if (!Files.isRegularFile(p)) {
      throw top.error("package", "file_not_found", "`package` names `" + text + "`, which does not exist");
    }
    return p;
  }

  private static Map<String, Token> principals(Section top) throws InputException {
    Map<String, Token> out = new LinkedHashMap<>();
    if (!top.has("principals")) {
      return out;
    }
    Section ps = top.child("principals");
    if (ps == null) {
      return out;
    }
    for (String key : ps.keys()) {
      Section p = ps.child(key);
      if (p == null) {
        throw ps.error(key, KIND + "_wrong_type", "`" + ps.keyPath(key) + "` must be a mapping with `user`");
      }
      p.allowOnly(PRINCIPAL);
      Sid user = sid(p, "user", p.string("user", true));
      Set<Sid> groups = new LinkedHashSet<>();
      for (String g : p.strings("groups")) {
        groups.add(sid(p, "groups", g));
      }
      Set<String> privileges = new LinkedHashSet<>();
      for (String priv : p.strings("privileges")) {
        if (!PRIVILEGE.matcher(priv.trim()).matches()) {
          throw p.error("privileges", KIND + "_bad_value", "`" + p.keyPath("privileges")
              + "` holds `" + priv + "`, which is not a privilege name (Se…Privilege)");
        }
        privileges.add(priv.trim());
      }
      out.put(key, new Token(user, groups, privileges));
    }
    return out;
  }

  private static Sid sid(Section s, String key, String text) throws InputException {
    try {
      return Sid.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw s.error(key, KIND + "_bad_value", "`" + s.keyPath(key) + "`: `" + text + "` is not a SID or SID alias");
    }
  }

  /** Steps, with the handle bookkeeping that lets unknown handles be caught at read time. */
  private static final class StepParser {
    private final Map<String, Token> principals;
    private final DriverPackage pkg;
    /** Handle name → the principal of the latest step that binds it. */
    private final Map<String, Principal> owners = new HashMap<>();
    private final Set<String> ids = new HashSet<>();

    StepParser(Map<String, Token> principals, DriverPackage pkg) {
      this.principals = principals;
      this.pkg = pkg;
    }

    List<Step> steps(Section top) throws InputException {
      List<Step> out = new ArrayList<>();
      int i = 0;
      for (Section s : top.items("steps")) {
        out.add(step(s, ++i));
      }
      return out;
    }

    private Step step(Section s, int number) throws InputException {
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
        case "open" -> new Scenario.Open(principal(a, "as", true), a.string("path", true), access(a),
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
      if (raw instanceof Number n) {
        long v = n.longValue();
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
          throw a.error("code", KIND + "_bad_value", "`" + a.keyPath("code") + "` does not fit 32 bits: `" + raw + "`");
        }
        code = String.format(Locale.ROOT, "0x%08X", v & 0xFFFF_FFFFL);
      } else if (raw instanceof Boolean) {
        throw a.error("code", KIND + "_wrong_type", "`" + a.keyPath("code") + "` must be an IOCTL name or a control code");
      } else {
        code = raw.toString().trim();
      }
      if (pkg != null) {
        String problem = codeProblem(code, pkg);
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
        String problem = objectProblem(object, pkg);
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
                + "` expects nothing; give decision, status, requirement or rule");
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
      if (decision == null && status == null && req == null && rule == null) {
        throw s.error("expect", KIND + "_bad_value", "`" + s.keyPath("expect")
            + "` expects nothing; give decision, status, requirement or rule");
      }
      return new Expectation(decision, status, req == null ? null : req.trim(), rule);
    }
  }

  /** An access mask: a list of right names (or {@code A|B}), or a number; absent = 0. */
  static int access(Section a) throws InputException {
    int mask = 0;
    for (Object o : a.scalars("access")) {
      if (o instanceof Number n) {
        long v = n.longValue();
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
          throw a.error("access", KIND + "_bad_value", "`" + a.keyPath("access") + "` does not fit 32 bits: `" + o + "`");
        }
        mask |= (int) v;
      } else if (o instanceof Boolean) {
        throw a.error("access", KIND + "_wrong_type", "`" + a.keyPath("access") + "` must be access right names or a number");
      } else {
        String text = o.toString().trim();
        try {
          mask |= text.matches("[0-9]+") ? (int) Long.parseLong(text) : AccessMask.parseName(text);
        } catch (IllegalArgumentException e) {
          throw a.error("access", KIND + "_bad_value", "`" + a.keyPath("access") + "`: " + e.getMessage());
        }
      }
    }
    return mask;
  }
}
