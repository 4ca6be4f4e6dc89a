package io.drvguard.library;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.scenario.LoadedScenario;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.adapters.sim.Simulation;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.engine.CheckResult;
import io.drvguard.engine.Engine;
import io.drvguard.engine.EngineSettings;
import io.drvguard.engine.Evaluation;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSelection;
import io.drvguard.engine.RuleSource;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.Request;
import io.drvguard.library.config.ConfigFile;
import io.drvguard.library.config.ConfigSources;
import io.drvguard.library.waivers.Waivers;
import io.drvguard.source.PackageDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * drvguard for an embedding tool: a few lines from a package directory or driver source tree to
 * findings, and from a request to a decision.
 *
 * <pre>{@code
 * Drvguard guard = Drvguard.builder()                      // compiles the rules: do it once
 *     .configuration(List.of(), null, ConfigSources.system())  // the layers the command line reads
 *     .build();
 * Findings f = guard.check(Path.of("toastbus"));           // manifest package or source tree
 * Decision d = guard.decide(request);                      // a Request built with its builder
 * Device toaster = guard.device(Path.of("toastbus"));      // or describe the request as a step
 * Evaluation e = toaster.open(alice, "\\Device\\ToastPdo0", AccessMask.FILE_READ_DATA, "h1");
 * }</pre>
 *
 * Building compiles and validates the rules, the expensive part; a built instance is immutable and
 * thread-safe ({@link Device}s are not: make one per caller). Compare {@code cedar-java}'s
 * {@code isAuthorized(request, policies, entities)}: the policies are the rules given to the
 * {@link Builder}, the entities the package a {@link Device} runs; and jCasbin's
 * {@code enforce(sub, obj, act)}: {@link Device#open} and {@link Device#ioctl}.
 */
public final class Drvguard {
  private final Engine engine;
  private final Waivers waivers;

  private Drvguard(Engine engine, Waivers waivers) {
    this.engine = engine;
    this.waivers = waivers;
  }

  /** The bundled rules with the default settings. */
  public static Drvguard withBundledRules() throws RuleBaseException {
    return new Drvguard(Engine.withBundledRules(), Waivers.NONE);
  }

  /** Options: rule folders, configuration, policy parameters, severities, rule selection, waivers. */
  public static Builder builder() {
    return new Builder();
  }

  /** The engine underneath, for what this class does not cover (batches, traces). */
  public Engine engine() {
    return engine;
  }

  /** The rules and requirements in force. */
  public RuleBase rules() {
    return engine.ruleBase();
  }

  // ---------------------------------------------------------------- findings

  /**
   * The findings for {@code paths}, each a package directory, a manifest, an INF file, a driver
   * source tree, or a directory searched for them (as {@code drvguard check} reads them), with the
   * waivers applied. An input that cannot be read is in {@link Findings#errors()}, not thrown.
   */
  public Findings check(Path... paths) {
    return check(List.of(paths));
  }

  /** As {@link #check(Path...)}. */
  public Findings check(List<Path> paths) {
    PackageInputs found = PackageInputs.find(paths);
    List<InputException> errors = new ArrayList<>(found.errors());
    Waivers.Applied waived = waivers.applied(LocalDate.now());
    List<CheckResult> results = new ArrayList<>();
    for (PackageInputs.Input input : found.inputs()) {
      try {
        results.add(waived.apply(engine.check(input.read())));
      } catch (InputException e) {
        errors.add(e);
      }
    }
    List<Note> notes = new ArrayList<>(found.notes());
    notes.addAll(waived.notes());
    return new Findings(results, notes, errors);
  }

  /** The findings for one package already read (waivers applied). */
  public CheckResult check(DriverPackage pkg) {
    return waivers.applied(LocalDate.now()).apply(engine.check(pkg));
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Decides a request whose facts are all in it (build it with its builder, e.g.
   * {@link io.drvguard.facts.request.OpenRequest#builder()}): allow or deny, the NTSTATUS, and the
   * requirement and rule that decided. A request no rule decides is denied.
   */
  public Decision decide(Request request) {
    return engine.decide(request);
  }

  /**
   * As {@link #decide}, with the findings of the holes the request went through (an allow that
   * Windows gives but the requirement forbids) and, when {@code explain}, the rules that fired.
   */
  public Evaluation evaluate(Request request, boolean explain) {
    return engine.evaluate(request, explain);
  }

  /**
   * The devices of the package in {@code dir} (driver sources, or a manifest package), ready to
   * take requests described as scenario steps.
   *
   * @throws InputException when {@code dir} holds no package, or more than one driver
   */
  public Device device(Path dir) throws InputException {
    return device(new PackageDirectories().read(dir));
  }

  /** The devices of a package already read. */
  public Device device(DriverPackage pkg) {
    return new Device(engine, Objects.requireNonNull(pkg, "pkg"), false);
  }

  /**
   * Runs the scenario file {@code scenario} (its principals, package and steps), deciding each step
   * with the engine; each result's {@link StepResult#outcome() outcome} is the {@link Evaluation}.
   * The steps run as the stream is consumed; a step that names what the package does not have
   * ends it with a {@link io.drvguard.adapters.sim.SimulationException} (which has the step's line).
   *
   * @throws InputException when the scenario or its package does not read (file, line, what is wrong)
   */
  public Stream<StepResult> simulate(Path scenario) throws InputException {
    LoadedScenario loaded = new ScenarioReader(new PackageDirectories()).load(scenario);
    return Simulation.of(loaded, engine.settings().policy()).run(request -> engine.evaluate(request, false));
  }

  // ---------------------------------------------------------------- building

  /**
   * What to build a {@link Drvguard} from. Everything is optional: without a call it is the
   * bundled rules with the default settings, as {@code drvguard} runs without options.
   */
  public static final class Builder {
    private boolean bundledRules = true;
    private final List<Path> ruleDirs = new ArrayList<>();
    /** Null: the configuration's. */
    private PolicySettings policy;
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final Set<String> only = new LinkedHashSet<>();
    private final Set<String> skip = new LinkedHashSet<>();
    /** Null: the configuration's. */
    private Duration ruleTimeBudget;
    private Waivers waivers = Waivers.NONE;
    /** Null: no configuration layers, the bundled defaults. */
    private List<String> configSets;
    private Path configFile;
    private ConfigSources configSources;

    private Builder() {}

    /**
     * Adds the {@code .drl} files under {@code dir} (and the requirements its
     * {@code requirements.tsv} declares); a rule with a bundled rule's {@code @id} replaces it.
     * Compiling them needs the {@code io.drvguard:drvguard-drl} artifact on the classpath; without
     * it {@link #build} fails with a {@link RuleBaseException} that says so.
     */
    public Builder rules(Path dir) {
      ruleDirs.add(Objects.requireNonNull(dir, "dir"));
      return this;
    }

    /** Leaves the bundled rules out: only the {@link #rules(Path)} folders count. */
    public Builder withoutBundledRules() {
      bundledRules = false;
      return this;
    }

    /**
     * Configuration layered as the command line layers it: {@code sets} ({@code KEY=VALUE}, as
     * {@code --set}) over the {@code DRVGUARD_*} variables of {@code sources} over {@code file}
     * (null: none, as {@code --config}) over the settings file in the working directory of
     * {@code sources} over the bundled defaults. It is read at {@link #build()}, with the
     * requirement ids of the {@link #rules(Path)} folders; a bad key or value is an
     * {@link InputException} at the place it was written. What this builder is told besides wins
     * over it: {@link #policy} and {@link #ruleTimeBudget} replace, {@link #severity}, {@link #only}
     * and {@link #skip} add.
     *
     * @param sources {@link ConfigSources#system()} for the process's environment and working
     *     directory, {@link ConfigSources#NONE} for neither
     */
    public Builder configuration(List<String> sets, Path file, ConfigSources sources) {
      configSets = List.copyOf(sets);
      configFile = file;
      configSources = Objects.requireNonNull(sources, "sources");
      return this;
    }

    /** A configuration file (YAML, JSON, properties or XML) over the bundled defaults alone. */
    public Builder configuration(Path file) {
      return configuration(List.of(), Objects.requireNonNull(file, "file"), ConfigSources.NONE);
    }

    /** The policy parameters (strong principals, PnP default descriptor, OS target, …), over any configuration. */
    public Builder policy(PolicySettings settings) {
      policy = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Reports the findings of a rule or requirement ({@code id}) at {@code severity}; a rule id wins. */
    public Builder severity(String id, Severity severity) {
      severities.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(severity, "severity"));
      return this;
    }

    /** Reports only the findings of these rules or requirements (as {@code --only}). */
    public Builder only(String... ids) {
      only.addAll(List.of(ids));
      return this;
    }

    /** Does not report the findings of these rules or requirements (as {@code --skip}). */
    public Builder skip(String... ids) {
      skip.addAll(List.of(ids));
      return this;
    }

    /** How long one check or decision may run the rules before they are stopped. */
    public Builder ruleTimeBudget(Duration budget) {
      ruleTimeBudget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** Accepted findings: marked waived in {@link Drvguard#check} results (see {@link Waivers#read}). */
    public Builder waivers(Waivers accepted) {
      waivers = Objects.requireNonNull(accepted, "accepted");
      return this;
    }

    /**
     * Compiles and validates the rules.
     *
     * @throws RuleBaseException when a rule does not compile or its metadata is wrong, or there are no rules
     * @throws InputException when the configuration does not read, or a severity, {@code only} or
     *     {@code skip} (here or in the configuration) names no rule and no requirement, or selects a
     *     rule that reports nothing: a typo must not be ignored
     */
    public Drvguard build() throws RuleBaseException, InputException {
      List<RuleSource> sources = RuleDirectories.sources(bundledRules, ruleDirs);
      if (sources.isEmpty()) {
        throw new RuleBaseException(List.of(new RuleBaseException.Problem("<rules>", 0, 0, "no_rules",
            "no rules: the bundled rules are left out and no rule folder was given")));
      }
      RequirementCatalog catalog = RuleDirectories.catalog(ruleDirs);
      ConfigFile cfg = configSources == null ? ConfigFile.NONE
          : ConfigFile.load(configSets, configFile, configSources, catalog);
      Engine engine = Engine.create(sources, settings(cfg.settings()), catalog);
      cfg.validate(engine.ruleBase());
      validate(engine.ruleBase());
      return new Drvguard(engine, waivers);
    }

    /** {@code configured} with what this builder was told on top. */
    private EngineSettings settings(EngineSettings configured) {
      Map<String, Severity> severity = new LinkedHashMap<>(configured.severityOverrides());
      severity.putAll(severities);
      Set<String> o = new LinkedHashSet<>(configured.selection().only());
      o.addAll(only);
      Set<String> s = new LinkedHashSet<>(configured.selection().skip());
      s.addAll(skip);
      return new EngineSettings(policy != null ? policy : configured.policy(), severity,
          ruleTimeBudget != null ? ruleTimeBudget : configured.ruleTimeBudget(), new RuleSelection(o, s));
    }

    private void validate(RuleBase rules) throws InputException {
      for (String id : severities.keySet()) {
        known("severity", id, rules);
      }
      for (String id : only) {
        SelectableRules.check("only", id, rules);
      }
      for (String id : skip) {
        SelectableRules.check("skip", id, rules);
      }
    }

    private static void known(String option, String id, RuleBase rules) throws InputException {
      if (!SelectableRules.known(id, rules)) {
        throw new InputException(option, "usage_unknown_id", "`" + id + "` names no rule and no requirement");
      }
    }
  }
}
