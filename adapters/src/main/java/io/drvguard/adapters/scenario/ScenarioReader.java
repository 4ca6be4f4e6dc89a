package io.drvguard.adapters.scenario;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.adapters.scenario.Scenario.Action;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.StreamedDocument;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * package and checks the references into it (IOCTL names, kernel object names). Both hold every
 * step; {@link #stream(Path)} reads and checks the steps one at a time as they are asked for,
 * so a scenario of any length runs in the memory of one step (see {@link ScenarioStream}).
 */
public final class ScenarioReader {
  private static final String KIND = "scenario";
  private static final Set<String> TOP = Set.of("scenario", "package", "target", "principals", "steps");
  private static final Set<String> PRINCIPAL = Set.of("user", "groups", "privileges", "noDefaultPrivileges");
  /** Step kinds in DESIGN.md order, then the {@code close} extension. */
  public static final List<String> STEP_KINDS =
      List.of("open", "relativeOpen", "ioctl", "forward", "createObject", "openObject", "close");
  private static final Pattern PRIVILEGE = Pattern.compile("Se[A-Za-z]+Privilege");
  private static final String SUFFIX = ".scenario.yaml";

  private final PackageReader packages = new PackageReader();
  private final DirectoryReader directories;

  /**
   * Reads the package a scenario names when it names a directory: the command line gives one
   * that also understands driver source trees (module {@code source}, which depends on this one).
   */
  public interface DirectoryReader {
    DriverPackage read(Path dir) throws InputException;
  }

  /** A reader whose scenarios name manifests or package directories holding one. */
  public ScenarioReader() {
    this(null);
  }

  /** A reader that hands a package directory to {@code directories} (null: its manifest is read). */
  public ScenarioReader(DirectoryReader directories) {
    this.directories = directories;
  }

  /** Reads and checks {@code file} on its own (the package is located, not read). */
  public Scenario read(Path file) throws InputException {
    try (ScenarioStream s = open(file, false)) {
      return s.collect();
    }
  }

  /** Reads {@code file} and the package it names, and checks the steps' references into it. */
  public LoadedScenario load(Path file) throws InputException {
    try (ScenarioStream s = open(file, true)) {
      return new LoadedScenario(s.collect(), s.pkg());
    }
  }

  /**
   * Reads and checks everything of {@code file} but its steps, and the package it names; the
   * steps come from the returned stream, read and checked one at a time, with the same errors as
   * {@link #load(Path)} gives (which it reports when the step is reached). Close the stream.
   */
  public ScenarioStream stream(Path file) throws InputException {
    return open(file, true);
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

  static String codeProblem(String code, DriverPackage pkg) {
    if (ioctlOf(code, pkg) != null || parseCode(code) != null) {
      return null;
    }
    return "`" + code + "` is neither an IOCTL of package `" + pkg.name() + "` nor a control code";
  }

  static String objectProblem(String object, DriverPackage pkg) {
    if (kernelObjectOf(object, pkg) != null) {
      return null;
    }
    return "`" + object + "` is not a kernel object of package `" + pkg.name() + "`"
        + (pkg.kernelObjects().isEmpty() ? " (it declares none)"
            : "; expected one of " + String.join(", ", pkg.kernelObjects().stream().map(KernelObjectDef::name).toList()));
  }

  private ScenarioStream open(Path file, boolean loadPackage) throws InputException {
    StreamedDocument doc = StreamedDocument.open(KIND, file, "steps");
    Section top = doc.header();
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
    Path pkgPath = packagePath(top, file, directories != null);
    Target target = null;
    String t = top.string("target", false);
    if (t != null) {
      target = Target.of(t).orElseThrow(() -> top.error("target", KIND + "_bad_value",
          "`target` is `" + t + "`; expected one of " + String.join(", ", Target.ids())));
    }
    Map<String, Token> principals = principals(top);
    DriverPackage pkg = !loadPackage ? null
        : directories != null && Files.isDirectory(pkgPath) ? directories.read(pkgPath) : packages.read(pkgPath);
    if (!top.has("steps") && top.keys().stream().noneMatch("steps"::equals)) {
      throw new InputException(f, 1, 0, KIND + "_missing_key", "missing required key `steps`");
    }
    Scenario header = new Scenario(name, file, pkgPath, target, principals, List.of());
    return new ScenarioStream(header, pkg, doc.items(), new StepParser(principals, pkg));
  }

  private static Path packagePath(Section top, Path file, boolean directoriesRead) throws InputException {
    String text = top.string("package", true);
    Path dir = file.toAbsolutePath().getParent();
    Path p;
    try {
      p = dir.resolve(text).normalize();
    } catch (RuntimeException e) {
      throw top.error("package", KIND + "_bad_value", "`package` is not a valid path: `" + text + "`");
    }
    if (Files.isDirectory(p) && directoriesRead) {
      return p;
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
      out.put(key, token(p));
    }
    return out;
  }

  /**
   * The token a principal mapping describes ({@code user}, {@code groups}, {@code privileges},
   * {@code noDefaultPrivileges}, as under a scenario's {@code principals}); the caller says which
   * other keys the mapping may have.
   */
  public static Token token(Section p) throws InputException {
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
    // every Windows logon token holds the default privileges; a restricted token may not (DESIGN.md)
    if (!p.bool("noDefaultPrivileges", false)) {
      privileges.addAll(Token.DEFAULT_PRIVILEGES);
    }
    return new Token(user, groups, privileges);
  }

  /**
   * One step that came alone, as a runtime event carries it (module {@code streams}), checked as a
   * scenario step is and against {@code pkg}: {@code principal} is the only principal an {@code as}
   * may name, and it holds every handle the step names (it is the caller of the event). A handle no
   * earlier event bound is not an error here: the model answers it as a handle that is not open.
   *
   * @param step the step mapping ({@code id}, one step kind, {@code handle}, {@code expect})
   */
  public static Step eventStep(Section step, Scenario.Principal principal, DriverPackage pkg) throws InputException {
    return new StepParser(Map.of(principal.name(), principal.token()), pkg, principal).step(step);
  }

  private static Sid sid(Section s, String key, String text) throws InputException {
    try {
      return Sid.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw s.error(key, KIND + "_bad_value", "`" + s.keyPath(key) + "`: `" + text + "` is not a SID or SID alias");
    }
  }

}
