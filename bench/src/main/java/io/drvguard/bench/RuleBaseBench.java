package io.drvguard.bench;

import io.drvguard.engine.Engine;
import io.drvguard.engine.EngineSettings;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Rule-base build time, one build per operation (single shot: each warm-up and measured iteration is
 * one build): {@code bundled} is {@link Engine#withBundledRules()}, from the executable model
 * kie-maven-plugin compiled at build time; {@code externalDrl} compiles the same DRL files read
 * from a directory at run time, as {@code --no-default-rules --rules DIR} does, with the rule cache
 * off; {@code externalDrlCached} is that folder again once its compiled form is in the rule cache.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class RuleBaseBench {
  Path rulesDir;
  Path cacheDir;

  @Setup
  public void setUp() throws IOException, RuleBaseException {
    rulesDir = Files.createTempDirectory("drvguard-bench-rules-");
    for (RuleSource s : RuleBase.bundledSources()) {
      Path f = rulesDir.resolve(s.name());
      Files.createDirectories(f.getParent());
      Files.writeString(f, s.text(), StandardCharsets.UTF_8);
    }
    cacheDir = Files.createTempDirectory("drvguard-bench-cache-");
    System.setProperty(CACHE_PROPERTY, cacheDir.toString());
    Engine.create(RuleSource.directory(rulesDir), EngineSettings.DEFAULTS);
  }

  private static final String CACHE_PROPERTY = "drvguard.cache.dir";

  @Benchmark
  public Engine bundled() throws RuleBaseException {
    return Engine.withBundledRules();
  }

  @Benchmark
  public Engine externalDrl() throws RuleBaseException {
    System.setProperty(CACHE_PROPERTY, "off");
    return Engine.create(RuleSource.directory(rulesDir), EngineSettings.DEFAULTS);
  }

  @Benchmark
  public Engine externalDrlCached() throws RuleBaseException {
    System.setProperty(CACHE_PROPERTY, cacheDir.toString());
    return Engine.create(RuleSource.directory(rulesDir), EngineSettings.DEFAULTS);
  }
}
