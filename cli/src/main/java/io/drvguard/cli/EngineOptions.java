package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that shape the engine: {@code --config}. */
final class EngineOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (YAML or JSON): severity overrides per rule or requirement id, policy parameters.")
  Path config;

  Engine engine() throws InputException, RuleBaseException {
    ConfigFile cfg = config == null ? ConfigFile.NONE : ConfigFile.read(config);
    Engine engine = Engine.create(RuleBase.bundledSources(), cfg.settings());
    cfg.validate(engine.ruleBase());
    return engine;
  }
}
