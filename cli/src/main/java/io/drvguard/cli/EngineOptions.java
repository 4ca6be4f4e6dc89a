package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that shape the engine: {@code --rules}, {@code --no-default-rules}, {@code --config}. */
final class EngineOptions {
  /** An external rule folder may declare its own requirement IDs in this file. */
  static final String AUTHOR_REQUIREMENTS = "requirements.tsv";

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Add the .drl files under DIR (repeatable); a rule with a bundled rule's @id replaces it.")
  List<Path> ruleDirs = new ArrayList<>();

  @Option(names = "--no-default-rules", description = "Leave out the bundled rules (use with --rules).")
  boolean noDefaultRules;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (YAML or JSON): severity overrides per rule or requirement id, policy parameters.")
  Path config;

  Engine engine() throws InputException, RuleBaseException {
    ConfigFile cfg = config == null ? ConfigFile.NONE : ConfigFile.read(config);
    Engine engine = Engine.create(sources(), cfg.settings(), catalog());
    cfg.validate(engine.ruleBase());
    return engine;
  }

  List<RuleSource> sources() throws RuleBaseException {
    List<RuleSource> sources = new ArrayList<>(noDefaultRules ? List.of() : RuleBase.bundledSources());
    for (Path dir : ruleDirs) {
      sources.addAll(RuleSource.directory(dir));
    }
    if (sources.isEmpty()) {
      throw new RuleBaseException(List.of(new RuleBaseException.Problem("<rules>", 0, 0, "no_rules",
          noDefaultRules ? "--no-default-rules leaves no rules: add --rules DIR" : "no rules found")));
    }
    return sources;
  }

  RequirementCatalog catalog() throws RuleBaseException {
    RequirementCatalog catalog = RequirementCatalog.bundled();
    for (Path dir : ruleDirs) {
      Path declared = dir.resolve(AUTHOR_REQUIREMENTS);
      if (Files.isRegularFile(declared)) {
        catalog = catalog.extendedWith(declared);
      }
    }
    return catalog;
  }
}
