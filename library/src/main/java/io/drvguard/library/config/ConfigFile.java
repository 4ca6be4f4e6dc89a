package io.drvguard.library.config;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.EngineSettings;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.facts.model.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: policy parameters and severity overrides, layered by
 * {@link ConfigLayers} from {@code --set}, {@code DRVGUARD_*} variables, {@code --config FILE}, the
 * working directory's settings file and the bundled defaults. The command line reads it so, and an
 * embedding tool gets the same layering through {@link #load} (or
 * {@code io.drvguard.library.Drvguard.Builder#configuration}). A configuration file (YAML, JSON,
 * properties or XML) looks like:
 *
 * <pre>
 * severity:                 # per rule id or requirement id; a rule id wins
 *   IOCTL-3: error
 * policy:
 *   strongPrincipals: [SY]  # OBJ-2
 *   pnpDefaultSddl: 'D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGWGX;;;WD)'   # M-1
 *   target: win10           # OS target: scenarios without their own (IOCTL-5), OBJ-9 (UD)
 * </pre>
 *
 * @param settings what the engine gets
 * @param target the OS target's id ({@code policy.target})
 * @param overrideLocations where each severity override (and {@code off}) was written, for errors
 */
public record ConfigFile(EngineSettings settings, String target, Map<String, SourceLocation> overrideLocations) {
  /** The bundled defaults alone. */
  public static final ConfigFile NONE = new ConfigFile(EngineSettings.DEFAULTS, "win10", Map.of());

  public ConfigFile {
    overrideLocations = Map.copyOf(overrideLocations);
  }

  /** {@code file} over the bundled defaults alone. */
  public static ConfigFile read(Path file) throws InputException {
    return load(List.of(), file, ConfigSources.NONE, RequirementCatalog.bundled());
  }

  /**
   * Every layer: {@code sets} ({@code KEY=VALUE}) over the environment of {@code sources} over
   * {@code file} (null: none) over the settings file in the working directory of {@code sources}
   * over the bundled defaults. Each layer is checked on its own.
   *
   * @param catalog the requirement ids, to read {@code DRVGUARD_SEVERITY_IOCTL_3} as {@code IOCTL-3}
   * @throws InputException at the file and line (or variable, or {@code --set}) of a bad key or value
   */
  public static ConfigFile load(List<String> sets, Path file, ConfigSources sources, RequirementCatalog catalog)
      throws InputException {
    ConfigLayers.Result r = ConfigLayers.load(sets, file, sources, catalog);
    return new ConfigFile(r.settings(), r.target(), r.severityLocations());
  }

  /**
   * Every override must name a rule of {@code rules} or a requirement, and {@code off} a rule that
   * reports: a typo must not be ignored.
   *
   * @throws InputException at the place the override was written
   */
  public void validate(RuleBase rules) throws InputException {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(settings.severityOverrides().keySet());
    keys.addAll(settings.selection().skip());
    for (String key : keys) {
      if (!rules.rules().containsKey(key) && !rules.catalog().contains(key)) {
        SourceLocation at = overrideLocations.get(key);
        throw new InputException(at.file(), at.line(), at.column(), "config_unknown_id",
            "`severity." + key + "` names no rule and no requirement");
      }
    }
    for (String key : settings.selection().skip()) {
      if (rules.rules().containsKey(key) && rules.rules().get(key).decision()) {
        SourceLocation at = overrideLocations.get(key);
        throw new InputException(at.file(), at.line(), at.column(), "config_bad_value",
            "`severity." + key + "=off`: `" + key + "` is a decision rule, which reports no findings and cannot be turned"
                + " off (a request no rule decides is denied); override it with a rule of the same @id instead");
      }
      if (rules.rules().containsKey(key) && rules.rules().get(key).inference()) {
        SourceLocation at = overrideLocations.get(key);
        throw new InputException(at.file(), at.line(), at.column(), "config_bad_value",
            "`severity." + key + "=off`: `" + key + "` is an inference rule, which reports no findings; turn off the"
                + " reporting rules that match what it derives, or override it with a rule of the same @id");
      }
    }
  }
}
