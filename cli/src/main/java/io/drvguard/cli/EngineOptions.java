package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleDocs;
import io.drvguard.engine.RuleSource;
import io.drvguard.library.RuleDirectories;
import io.drvguard.library.config.ConfigFile;
import io.drvguard.library.config.ConfigSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options that shape the engine: {@code --rules}, {@code --no-default-rules}, {@code --config},
 * {@code --set}; configuration is layered with the environment and the working directory (see
 * {@link io.drvguard.library.config.ConfigLayers}).
 */
final class EngineOptions {
  /**
   * Where the environment and working-directory layers come from; null means the process's own.
   * Tests set this instead of touching the real environment or working directory.
   */
  static volatile ConfigSources configSources;

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Add the .drl files under DIR (repeatable); a rule with a bundled rule's @id replaces it.")
  List<Path> ruleDirs = new ArrayList<>();

  @Option(names = "--no-default-rules", description = "Leave out the bundled rules (use with --rules).")
  boolean noDefaultRules;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (YAML, JSON, properties or XML): severity overrides per rule or requirement id, "
          + "policy parameters. Layers, highest first: --set, DRVGUARD_* environment variables, --config, "
          + "a .drvguard.yaml (or drvguard.yaml that is not a manifest) settings file in the working directory, "
          + "bundled defaults.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set one configuration key, above every other layer (repeatable): severity.<rule or requirement id>="
          + "error|warning|info|off, policy.strongPrincipals=SY,BA, policy.pnpDefaultSddl=SDDL, policy.target=win10,"
          + " policy.broadPrincipals=WD,AU, policy.writeTypeRights=FILE_WRITE_DATA,WRITE_DAC,"
          + " policy.stillImageApplication|stillImageEventMonitor=interactiveUser|localSystem|localService|networkService.")
  List<String> sets = new ArrayList<>();

  /** The layered configuration these options and the environment give. */
  ConfigFile configuration(RequirementCatalog catalog) throws InputException {
    ConfigSources sources = configSources == null ? ConfigSources.system() : configSources;
    return ConfigFile.load(sets, config, sources, catalog);
  }

  Engine engine() throws InputException, RuleBaseException {
    return engine(null);
  }

  /** The engine, reporting only the findings {@code selection} selects (null: all). */
  Engine engine(RuleSelectionOptions selection) throws InputException, RuleBaseException {
    RequirementCatalog catalog = catalog();
    ConfigFile cfg = configuration(catalog);
    io.drvguard.engine.EngineSettings settings = cfg.settings();
    if (selection != null) {
      settings = settings.withSelection(selection.applyTo(settings.selection()));
    }
    Engine engine = Engine.create(sources(), settings, catalog);
    cfg.validate(engine.ruleBase());
    if (selection != null) {
      selection.validate(engine.ruleBase());
    }
    return engine;
  }

  List<RuleSource> sources() throws RuleBaseException {
    List<RuleSource> sources = RuleDirectories.sources(!noDefaultRules, ruleDirs);
    if (sources.isEmpty()) {
      throw new RuleBaseException(List.of(new RuleBaseException.Problem("<rules>", 0, 0, "no_rules",
          noDefaultRules ? "--no-default-rules leaves no rules: add --rules DIR" : "no rules found")));
    }
    return sources;
  }

  /** The rules' docs: bundled ones, and {@code docs/<RuleId>.md} beside the DRL files under {@code --rules}. */
  RuleDocs ruleDocs() {
    return RuleDocs.withRuleDirs(ruleDirs);
  }

  RequirementCatalog catalog() throws RuleBaseException {
    return RuleDirectories.catalog(ruleDirs);
  }
}
