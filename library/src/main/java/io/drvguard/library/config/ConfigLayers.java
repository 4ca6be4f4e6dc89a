package io.drvguard.library.config;

import io.drvguard.adapters.InputException;
import io.drvguard.facts.policy.Target;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.engine.EngineSettings;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.policy.StillImageContext;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.TokenPreset;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SddlException;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;

/**
 * Layered configuration, highest first:
 *
 * <ol>
 *   <li>command line: {@code --set KEY=VALUE} (repeatable);
 *   <li>environment: {@code DRVGUARD_SEVERITY_<ID>} and {@code DRVGUARD_POLICY_<NAME>};
 *   <li>{@code --config FILE} (YAML, JSON, properties or XML);
 *   <li>the settings file in the working directory: {@code .drvguard.yaml} (or {@code .yml},
 *       {@code .json}, {@code .properties}, {@code .xml}), or a {@code drvguard.*} file of those
 *       formats that is not a package manifest;
 *   <li>bundled defaults.
 * </ol>
 *
 * Each layer is validated on its own (a bad value is an error even where a higher layer overrides
 * it) into a flat Commons Configuration; a {@link CompositeConfiguration} over the layers answers
 * every key from the highest layer that has it. Keys are {@code severity.<rule-or-requirement-id>}
 * ({@code error|warning|info}), {@code policy.strongPrincipals} (SIDs or SDDL aliases; a list, or
 * one value separated by commas), {@code policy.pnpDefaultSddl}, {@code policy.target} (a
 * scenario target such as {@code win10}), {@code policy.broadPrincipals} (SIDs, INF-4), {@code
 * policy.writeTypeRights} (access right names, INF-4) and {@code policy.stillImageApplication} /
 * {@code policy.stillImageEventMonitor} (an account: interactiveUser, localSystem, localService,
 * networkService; STI-2). Values are taken literally: Commons Configuration's
 * {@code ${…}} interpolation is off, so a value can never read a file or the environment.
 */
public final class ConfigLayers {
  /**
   * Settings file names looked for in the working directory. The dotted names are settings only;
   * the others are also package manifest names, so such a file counts as settings only when it is
   * not a manifest.
   */
  public static final List<String> WORKING_DIRECTORY_NAMES = List.of(
      ".drvguard.yaml", ".drvguard.yml", ".drvguard.json", ".drvguard.properties", ".drvguard.xml",
      "drvguard.yaml", "drvguard.yml", "drvguard.json", "drvguard.properties", "drvguard.xml");

  /** A manifest key at the start of a line, in any of the formats ({@code driver:}, {@code "driver"}, {@code driver.name}, {@code <driver>}). */
  private static final Pattern MANIFEST_TEXT = Pattern.compile(
      "(?m)^[\\s{]*[\"<]?(driver|deviceObjects|ioctls|kernelObjects)\\b");

  /** Top-level keys that make a working-directory file a package manifest, not settings. */
  static final Set<String> MANIFEST_KEYS = Set.of("driver", "deviceObjects", "ioctls", "kernelObjects");

  public static final String ENV_PREFIX = "DRVGUARD_";
  public static final String ENV_SEVERITY = ENV_PREFIX + "SEVERITY_";
  public static final String ENV_POLICY = ENV_PREFIX + "POLICY_";

  static final String STRONG = "policy.strongPrincipals";
  static final String PNP_SDDL = "policy.pnpDefaultSddl";
  static final String TARGET = "policy.target";
  static final String BUDGET = "policy.ruleTimeBudget";
  static final String BROAD = "policy.broadPrincipals";
  static final String WRITE_RIGHTS = "policy.writeTypeRights";
  static final String STI_APPLICATION = "policy.stillImageApplication";
  static final String STI_EVENT_MONITOR = "policy.stillImageEventMonitor";
  static final List<String> POLICY_KEYS = List.of("strongPrincipals", "pnpDefaultSddl", "target", "ruleTimeBudget",
      "broadPrincipals", "writeTypeRights", "stillImageApplication", "stillImageEventMonitor");
  /** Keys that take a list (or one value separated by commas). */
  private static final Set<String> LIST_KEYS = Set.of(STRONG, BROAD, WRITE_RIGHTS);
  private static final Set<String> TOP = Set.of("severity", "policy");

  /** One validated layer: flat keys, and where each was written. */
  public record Layer(String name, Configuration values, Map<String, SourceLocation> where) {
    boolean isEmpty() {
      return values.isEmpty();
    }
  }

  /**
   * The effective configuration.
   *
   * @param settings what the engine gets
   * @param target the OS target for scenarios ({@code policy.target}, default {@code win10})
   * @param severityLocations where each effective severity override was written (its winning layer)
   * @param layers the layers read, highest first (empty layers left out)
   */
  public record Result(EngineSettings settings, String target, Map<String, SourceLocation> severityLocations,
      List<Layer> layers) {}

  private ConfigLayers() {}

  /**
   * Reads and layers every source.
   *
   * @param sets {@code KEY=VALUE} from {@code --set}
   * @param configFile {@code --config}, or null
   * @param catalog the requirement IDs, to map {@code DRVGUARD_SEVERITY_IOCTL_3} to {@code IOCTL-3}
   */
  public static Result load(List<String> sets, Path configFile, ConfigSources sources, RequirementCatalog catalog)
      throws InputException {
    List<Layer> layers = new ArrayList<>();
    layers.add(commandLine(sets));
    layers.add(environment(sources.environment(), catalog));
    if (configFile != null) {
      layers.add(file("--config " + configFile, configFile));
    }
    Path wd = workingDirectoryFile(sources.workingDirectory());
    if (wd != null) {
      layers.add(file("working directory " + wd, wd));
    }
    layers.add(defaults());
    layers.removeIf(Layer::isEmpty);
    return resolve(layers);
  }

  // ---- the composite

  private static Result resolve(List<Layer> layers) {
    CompositeConfiguration composite = new CompositeConfiguration();
    composite.setInterpolator(null);
    for (Layer l : layers) {
      composite.addConfiguration(l.values());
    }
    Map<String, Severity> overrides = new LinkedHashMap<>();
    Map<String, SourceLocation> where = new LinkedHashMap<>();
    Set<String> off = new LinkedHashSet<>();
    for (Iterator<String> it = composite.getKeys("severity"); it.hasNext(); ) {
      String key = it.next();
      String id = key.substring("severity.".length());
      String value = single(composite.getProperty(key));
      if (OFF.equalsIgnoreCase(value.trim())) {
        off.add(id);
      } else {
        overrides.put(id, Severity.parse(value));
      }
      where.put(id, origin(layers, key));
    }
    Set<Sid> strong = new LinkedHashSet<>();
    for (Object s : values(composite.getProperty(STRONG))) {
      strong.add(Sid.parse(s.toString()));
    }
    Target target = Target.of(single(composite.getProperty(TARGET))).orElseThrow();
    List<Sid> broad = new ArrayList<>();
    for (Object s : values(composite.getProperty(BROAD))) {
      broad.add(Sid.parse(s.toString()));
    }
    int writeRights = 0;
    for (Object r : values(composite.getProperty(WRITE_RIGHTS))) {
      writeRights |= writeRight(r.toString());
    }
    List<StillImageContext> contexts = List.of(
        new StillImageContext(StillImageContext.APPLICATION,
            TokenPreset.of(single(composite.getProperty(STI_APPLICATION))).orElseThrow()),
        new StillImageContext(StillImageContext.EVENT_MONITOR,
            TokenPreset.of(single(composite.getProperty(STI_EVENT_MONITOR))).orElseThrow()));
    PolicySettings policy = new PolicySettings(strong, single(composite.getProperty(PNP_SDDL)), target, broad,
        writeRights, contexts);
    java.time.Duration budget = java.time.Duration.ofMillis(
        Math.round(Double.parseDouble(single(composite.getProperty(BUDGET))) * 1000));
    EngineSettings settings = new EngineSettings(policy, overrides, budget,
        io.drvguard.engine.RuleSelection.ALL.skipping(off));
    return new Result(settings, target.id(), where, List.copyOf(layers));
  }

  private static SourceLocation origin(List<Layer> layers, String key) {
    for (Layer l : layers) {
      if (l.values().containsKey(key)) {
        return l.where().get(key);
      }
    }
    throw new IllegalStateException(key);
  }

  private static List<Object> values(Object property) {
    if (property instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    return property == null ? List.of() : List.of(property);
  }

  private static String single(Object property) {
    List<Object> v = values(property);
    return v.isEmpty() ? null : v.get(0).toString();
  }

  // ---- one entry, any layer

  private static final class Builder {
    final String name;
    final BaseConfiguration values = new BaseConfiguration();
    final Map<String, SourceLocation> where = new LinkedHashMap<>();

    Builder(String name) {
      this.name = name;
      values.setInterpolator(null);
    }

    /** Validates {@code key} = {@code raw} (already a known key) and records it. */
    void put(String key, List<String> raw, SourceLocation at) throws InputException {
      List<String> vs = new ArrayList<>();
      for (String r : raw) {
        if (LIST_KEYS.contains(key)) {
          for (String part : r.split(",")) {
            if (!part.isBlank()) {
              vs.add(part.trim());
            }
          }
        } else {
          vs.add(r.trim());
        }
      }
      if (vs.isEmpty()) {
        throw bad(at, "`" + key + "` has no value");
      }
      if (key.startsWith("severity.")) {
        try {
          if (!OFF.equalsIgnoreCase(vs.get(0).trim())) {
            Severity.parse(vs.get(0));
          }
        } catch (IllegalArgumentException e) {
          throw bad(at, "`" + key + "`: " + e.getMessage() + " (or off)");
        }
      } else if (key.equals(STRONG) || key.equals(BROAD)) {
        for (String s : vs) {
          try {
            Sid.parse(s);
          } catch (SddlException e) {
            throw bad(at, "`" + key + "` has `" + s + "`, which is not a SID: " + e.detail());
          }
        }
      } else if (key.equals(WRITE_RIGHTS)) {
        int all = 0;
        for (String r : vs) {
          try {
            all |= writeRight(r);
          } catch (IllegalArgumentException e) {
            throw bad(at, "`" + key + "` has `" + r + "`: " + e.getMessage() + "; expected access right names such as"
                + " FILE_WRITE_DATA or WRITE_DAC, or 0x numbers");
          }
        }
        if (all == 0) {
          throw bad(at, "`" + key + "` names no right: every grant would then count as read-only");
        }
      } else if (key.equals(STI_APPLICATION) || key.equals(STI_EVENT_MONITOR)) {
        if (TokenPreset.of(vs.get(0)).isEmpty()) {
          throw bad(at, "`" + key + "` is `" + vs.get(0) + "`; expected one of " + String.join(", ", TokenPreset.ids()));
        }
      } else if (key.equals(PNP_SDDL)) {
        // an empty SDDL parses to a descriptor without a DACL, which Windows reads as "everyone
        // gets every access": a default that would open every device is a mistake, never a setting
        if (vs.get(0).isEmpty()) {
          throw bad(at, "`" + key + "` is empty: the PnP default descriptor needs a DACL (e.g. `"
              + PolicySettings.PNP_DEFAULT_SDDL + "`); remove the key to keep that default");
        }
        SecurityDescriptor sd;
        try {
          sd = Sddl.parse(vs.get(0));
        } catch (SddlException e) {
          throw bad(at, "`" + key + "` does not parse: " + e.getMessage());
        }
        if (sd.hasNullDacl()) {
          throw bad(at, "`" + key + "` is `" + vs.get(0) + "`, which has no DACL (or a NULL DACL) and so grants"
              + " everyone every access; give it a `D:` DACL such as `" + PolicySettings.PNP_DEFAULT_SDDL + "`");
        }
      } else if (key.equals(TARGET)) {
        if (Target.of(vs.get(0)).isEmpty()) {
          throw bad(at, "`" + key + "` is `" + vs.get(0) + "`; expected one of " + String.join(", ", Target.ids()));
        }
      } else if (key.equals(BUDGET)) {
        if (!vs.get(0).matches("[0-9]{1,6}(\\.[0-9]{1,3})?") || Double.parseDouble(vs.get(0)) <= 0) {
          throw bad(at, "`" + key + "` is `" + vs.get(0) + "`; expected a number of seconds above 0, e.g. 10 or 0.5");
        }
      }
      if (vs.size() > 1 && !LIST_KEYS.contains(key)) {
        throw new InputException(at.file(), at.line(), at.column(), "config_wrong_type",
            "`" + key + "` takes one value, not a list");
      }
      values.clearProperty(key);
      values.addProperty(key, LIST_KEYS.contains(key) ? vs : vs.get(0));
      where.put(key, at);
    }

    Layer build() {
      return new Layer(name, values, Map.copyOf(where));
    }
  }

  /** An access right name or number, generic rights mapped as for files and devices. */
  private static int writeRight(String text) {
    return GenericMapping.FILE.map(AccessMask.parseName(text));
  }

  /** A severity that turns a rule or requirement off: its findings are not reported. */
  static final String OFF = "off";

  private static InputException bad(SourceLocation at, String message) {
    return new InputException(at.file(), at.line(), at.column(), "config_bad_value", message);
  }

  /** The canonical key for {@code key} as a user wrote it, or null when it is not a configuration key. */
  static String canonicalKey(String key) {
    if (key.startsWith("severity.") && key.length() > "severity.".length()) {
      return key;
    }
    if (key.startsWith("policy.")) {
      String p = key.substring("policy.".length());
      for (String k : POLICY_KEYS) {
        if (k.equalsIgnoreCase(p)) {
          return "policy." + k;
        }
      }
    }
    return null;
  }

  // ---- layers

  /** {@code --set KEY=VALUE}, e.g. {@code --set severity.IOCTL-3=info}, {@code --set policy.strongPrincipals=SY,BA}. */
  static Layer commandLine(List<String> sets) throws InputException {
    Builder b = new Builder("command line");
    for (String s : sets) {
      String where = "--set " + s;
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new InputException(where, "config_bad_value", "expected KEY=VALUE, e.g. `--set severity.IOCTL-3=info`");
      }
      String key = canonicalKey(s.substring(0, eq).trim());
      if (key == null) {
        throw new InputException(where, "config_unknown_key", "unknown key `" + s.substring(0, eq).trim()
            + "`; expected severity.<rule or requirement id> or policy." + String.join("|policy.", POLICY_KEYS));
      }
      if (b.where.containsKey(key)) {
        throw new InputException(where, "config_duplicate_key", "`" + key + "` is set twice on the command line");
      }
      b.put(key, List.of(s.substring(eq + 1)), new SourceLocation(where, 0, 0));
    }
    return b.build();
  }

  /**
   * {@code DRVGUARD_SEVERITY_<ID>=LEVEL}: a requirement ID with {@code _} for {@code -}
   * ({@code DRVGUARD_SEVERITY_IOCTL_3}, any case), else a rule ID as written
   * ({@code DRVGUARD_SEVERITY_UserModeIoctlAnyAccess}). {@code DRVGUARD_POLICY_STRONGPRINCIPALS},
   * {@code DRVGUARD_POLICY_PNPDEFAULTSDDL}, {@code DRVGUARD_POLICY_TARGET} (any case). Other
   * {@code DRVGUARD_*} variables (such as the launcher's {@code DRVGUARD_JAVA_OPTS}) are not
   * configuration and are left alone.
   */
  static Layer environment(Map<String, String> env, RequirementCatalog catalog) throws InputException {
    Builder b = new Builder("environment");
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      SourceLocation at = new SourceLocation("environment variable " + name, 0, 0);
      String key;
      if (name.startsWith(ENV_SEVERITY)) {
        String id = name.substring(ENV_SEVERITY.length());
        if (id.isEmpty()) {
          throw new InputException(at.file(), "config_unknown_key", "names no rule or requirement after DRVGUARD_SEVERITY_");
        }
        key = "severity." + envId(id, catalog);
      } else if (name.startsWith(ENV_POLICY)) {
        key = canonicalKey("policy." + name.substring(ENV_POLICY.length()));
        if (key == null) {
          throw new InputException(at.file(), "config_unknown_key", "unknown policy variable; expected "
              + ENV_POLICY + String.join(", " + ENV_POLICY, POLICY_KEYS.stream()
                  .map(k -> k.toUpperCase(Locale.ROOT)).toList()));
        }
      } else {
        continue;
      }
      if (b.where.containsKey(key)) {
        throw new InputException(at.file(), "config_duplicate_key",
            "`" + key + "` is also set by " + b.where.get(key).file());
      }
      b.put(key, List.of(e.getValue()), at);
    }
    return b.build();
  }

  /** {@code IOCTL_3} → {@code IOCTL-3} when that is a requirement; otherwise the rule ID as written. */
  static String envId(String id, RequirementCatalog catalog) {
    if (catalog != null) {
      String dashed = id.replace('_', '-');
      for (String req : catalog.all().keySet()) {
        if (req.equalsIgnoreCase(dashed)) {
          return req;
        }
      }
    }
    return id;
  }

  /** A YAML, JSON, properties or XML file with {@code severity:} and {@code policy:} mappings. */
  static Layer file(String name, Path path) throws InputException {
    return file(name, TreeLoader.load("config", path));
  }

  private static Layer file(String name, Section root) throws InputException {
    Builder b = new Builder(name);
    root.allowOnly(TOP);
    Section sev = root.child("severity");
    if (sev != null) {
      for (String id : sev.keys()) {
        b.put("severity." + id, List.of(sev.string(id, true)), sev.location(id));
      }
    }
    Section p = root.child("policy");
    if (p != null) {
      p.allowOnly(Set.copyOf(POLICY_KEYS));
      for (String k : POLICY_KEYS) {
        if (!p.has(k)) {
          // written with no value: an empty default descriptor is an error, not "use the default"
          if (k.equals("pnpDefaultSddl") && p.keys().contains(k)) {
            b.put(PNP_SDDL, List.of(""), p.location(k));
          }
          continue;
        }
        List<String> raw = LIST_KEYS.contains("policy." + k) ? p.strings(k) : List.of(p.string(k, true));
        b.put("policy." + k, raw, p.location(k));
      }
    }
    return b.build();
  }

  /**
   * The settings file of {@code dir}: among {@link #WORKING_DIRECTORY_NAMES}, the files that are not
   * package manifests (no top-level {@code driver}, {@code deviceObjects}, {@code ioctls} or
   * {@code kernelObjects}). None is fine; two are an error, since which one wins would be a guess.
   * A {@code drvguard.*} file that does not load is left to the manifest reader when its text shows
   * a manifest key, and is an error otherwise: broken settings are never skipped silently.
   */
  static Path workingDirectoryFile(Path dir) throws InputException {
    if (dir == null) {
      return null;
    }
    Path found = null;
    for (String n : WORKING_DIRECTORY_NAMES) {
      Path p = dir.resolve(n);
      if (!Files.isRegularFile(p) || (!n.startsWith(".") && isManifest(p))) {
        continue;
      }
      if (found != null) {
        throw new InputException(p.toString(), "config_ambiguous", "two settings files in the working directory, `"
            + found.getFileName() + "` and `" + n + "`; keep one");
      }
      found = p;
    }
    return found;
  }

  private static boolean isManifest(Path p) throws InputException {
    Section root;
    try {
      root = TreeLoader.load("config", p);
    } catch (InputException e) {
      String text;
      try {
        text = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException io) {
        throw e;
      }
      if (MANIFEST_TEXT.matcher(text).find()) {
        return true;
      }
      throw e;
    }
    for (String k : root.keys()) {
      if (MANIFEST_KEYS.contains(k)) {
        return true;
      }
    }
    return false;
  }

  static Layer defaults() {
    Builder b = new Builder("bundled defaults");
    SourceLocation at = new SourceLocation("<bundled defaults>", 0, 0);
    b.values.addProperty(STRONG, PolicySettings.DEFAULTS.strongPrincipals().stream().map(Sid::toSddl).toList());
    b.values.addProperty(PNP_SDDL, PolicySettings.DEFAULTS.pnpDefaultSddl());
    b.values.addProperty(TARGET, Target.DEFAULT.id());
    b.values.addProperty(BUDGET, Long.toString(EngineSettings.DEFAULT_RULE_TIME_BUDGET.toSeconds()));
    b.values.addProperty(BROAD, PolicySettings.BROAD_PRINCIPALS.stream().map(Sid::toSddl).toList());
    b.values.addProperty(WRITE_RIGHTS, AccessMask.names(PolicySettings.WRITE_TYPE_RIGHTS));
    b.values.addProperty(STI_APPLICATION, PolicySettings.STILL_IMAGE_CONTEXTS.get(0).account().id());
    b.values.addProperty(STI_EVENT_MONITOR, PolicySettings.STILL_IMAGE_CONTEXTS.get(1).account().id());
    for (String k : List.of(STRONG, PNP_SDDL, TARGET, BUDGET, BROAD, WRITE_RIGHTS, STI_APPLICATION, STI_EVENT_MONITOR)) {
      b.where.put(k, at);
    }
    return b.build();
  }
}
