package io.drvguard.engine;

import io.drvguard.facts.model.Severity;
import io.drvguard.facts.request.DecisionSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A compiled, validated rule base. Heavy to build, so build it once and share it: sessions made
 * from it are cheap and independent. Building fails, with file and line, on DRL that does not
 * compile and on rules whose metadata is missing or wrong (validated like Error Prone's
 * BugPatternValidator), never skipping a rule silently.
 */
public final class RuleBase {
  static final String INDEX = "META-INF/drvguard-rules.idx";
  private static final Pattern RULE_DECL =
      Pattern.compile("(?m)^[ \\t]*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))");
  private static final Pattern PACKAGE_DECL = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
  private static final List<String> REQUIRED_KEYS = List.of("id", "requirement", "severity", "title");

  static {
    // every way to Drools goes through here, so SLF4J is set up before Drools first logs
    QuietLogging.install();
  }

  private final KieBase kieBase;
  private final Map<String, RuleMetadata> rules;
  private final Set<String> globals;
  private final RequirementCatalog catalog;

  private RuleBase(KieBase kieBase, Map<String, RuleMetadata> rules, Set<String> globals, RequirementCatalog catalog) {
    this.kieBase = kieBase;
    this.rules = Collections.unmodifiableMap(rules);
    this.globals = globals;
    this.catalog = catalog;
  }

  /** The requirements this rule base's rules may name: the bundled catalog plus any author-declared ones. */
  public RequirementCatalog catalog() {
    return catalog;
  }

  public KieBase kieBase() {
    return kieBase;
  }

  /** Rule metadata by rule id, in declaration order. */
  public Map<String, RuleMetadata> rules() {
    return rules;
  }

  boolean declaresGlobal(String name) {
    return globals.contains(name);
  }

  /** The DRL files bundled in the rules module, as its index lists them. */
  public static List<RuleSource> bundledSources() {
    ClassLoader cl = RuleBase.class.getClassLoader();
    List<RuleSource> out = new ArrayList<>();
    try (InputStream idx = cl.getResourceAsStream(INDEX)) {
      if (idx == null) {
        throw new IllegalStateException("bundled rule index `" + INDEX + "` is missing from the classpath");
      }
      for (String path : new String(idx.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (path.isBlank()) {
          continue;
        }
        try (InputStream in = cl.getResourceAsStream(path.trim())) {
          if (in == null) {
            throw new IllegalStateException("bundled rule file `" + path + "` is listed but missing");
          }
          out.add(new RuleSource(path.trim(), new String(in.readAllBytes(), StandardCharsets.UTF_8), true));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled rules: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Compiles and validates {@code sources} against {@code catalog}. The bundled rules, when all of
   * them are among {@code sources}, come precompiled; the others are compiled by the installed
   * {@link DrlCompiler} (which loads them from its rule cache when the same texts were compiled
   * before), and without one the build fails naming the artifact that provides it.
   */
  public static RuleBase build(List<RuleSource> sources, RequirementCatalog catalog) throws RuleBaseException {
    return build(sources, catalog, null);
  }

  /**
   * As {@link #build(List, RequirementCatalog)}, compiling with {@code compiler}; null: the
   * {@linkplain DrlCompiler#installed installed} one, looked for only when there is DRL to compile.
   */
  public static RuleBase build(List<RuleSource> sources, RequirementCatalog catalog, DrlCompiler compiler)
      throws RuleBaseException {
    List<RuleSource> bundled = bundledSources();
    boolean precompiled = PrecompiledRules.available() && sources.containsAll(bundled);
    List<RuleSource> rest = precompiled
        ? sources.stream().filter(s -> !bundled.contains(s)).toList()
        : sources;
    DrlCompiler.Compiled added = rest.isEmpty() ? null
        : (compiler != null ? compiler : DrlCompiler.installed(rest)).compile(rest);
    KieBase kieBase;
    if (!precompiled) {
      kieBase = added.model() != null ? kieBase(added.model(), false) : added.classic();
    } else {
      ExecutableModel model = PrecompiledRules.model();
      if (added != null && added.model() != null) {
        clashes(model, added.model(), declarations(rest));
        model = model.plus(added.model());
      }
      boolean classicToAdd = added != null && added.classic() != null;
      kieBase = kieBase(model, classicToAdd);
      if (classicToAdd) {
        ((InternalKnowledgeBase) kieBase).addPackages(
            added.classic().getKiePackages().stream().map(p -> (InternalKnowledgePackage) p).toList());
      }
    }
    List<RuleBaseException.Problem> problems = new ArrayList<>();

    Map<String, Declared> declared = declarations(sources);
    Set<String> globals = new HashSet<>();
    Set<String> decisionPackages = new HashSet<>();
    List<Rule> all = new ArrayList<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      pkg.getGlobalVariables().forEach(g -> {
        globals.add(g.getName());
        if (g.getType().equals(DecisionSink.class.getName())) {
          decisionPackages.add(pkg.getName());
        }
      });
      all.addAll(pkg.getRules());
    }
    Declared unknown = new Declared(null, 0, Integer.MAX_VALUE, true, false);
    all.sort(java.util.Comparator.comparingInt(r -> declared.getOrDefault(key(r), unknown).order));

    Map<String, RuleMetadata> rules = new LinkedHashMap<>();
    Map<String, Rule> ruleById = new HashMap<>();
    for (Rule rule : all) {
      Declared d = declared.getOrDefault(key(rule), unknown);
      String file = d.source == null ? "<rules>" : d.source.name();
      boolean decision = decisionPackages.contains(rule.getPackageName());
      RuleMetadata meta = metadata(rule, d, file, catalog, problems, decision);
      if (meta == null) {
        continue;
      }
      RuleMetadata earlier = rules.get(meta.id());
      if (earlier != null) {
        boolean overrides = earlier.source().equals("bundled") && !meta.source().equals("bundled");
        if (!overrides) {
          problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
              "duplicate rule id `" + meta.id() + "` (also in " + earlier.source() + ")"));
          continue;
        }
        // an external rule with a bundled rule's @id replaces it
        Rule replaced = ruleById.get(meta.id());
        kieBase.removeRule(replaced.getPackageName(), replaced.getName());
        rules.remove(meta.id());
      }
      rules.put(meta.id(), meta);
      ruleById.put(meta.id(), rule);
    }
    if (!problems.isEmpty()) {
      throw new RuleBaseException(problems);
    }
    return new RuleBase(kieBase, rules, globals, catalog);
  }

  /**
   * A rule base of executable models. Unless classic (DRL-compiled) packages are to be added to it,
   * whose compiled code Drools wires up as a mutable rule base runs, it is made immutable: its
   * sessions then keep facts in a plain identity store rather than one per class, and drop a fact
   * that no rule can match as soon as it is inserted (see {@link #isOrphan}).
   */
  private static KieBase kieBase(ExecutableModel model, boolean mutable) {
    // not KieServices, whose implementation lives in the DRL compiler (drools-compiler)
    KieBaseConfiguration conf = RuleBaseFactory.newKnowledgeBaseConfiguration(null, model.loader());
    if (!mutable) {
      conf.setOption(KieBaseMutabilityOption.DISABLED);
    }
    return KieBaseBuilder.createKieBaseFromModel(model.models(), conf);
  }

  /**
   * True for a fact an immutable rule base's session dropped on insert because no rule can match
   * it; deleting it again would only log a warning.
   */
  static boolean isOrphan(FactHandle handle) {
    return ((InternalFactHandle) handle).isDisconnected();
  }

  /**
   * A rule named like a bundled rule in the same package would silently replace it (compiled
   * together, Drools reports it as a duplicate); overriding goes by {@code @id} from a package of
   * one's own.
   */
  private static void clashes(ExecutableModel bundled, ExecutableModel added, Map<String, Declared> declared)
      throws RuleBaseException {
    Set<String> names = new HashSet<>();
    bundled.models().forEach(m -> m.getRules().forEach(r -> names.add(r.getPackage() + "." + r.getName())));
    List<RuleBaseException.Problem> problems = new ArrayList<>();
    for (Model m : added.models()) {
      for (org.drools.model.Rule rule : m.getRules()) {
        String key = rule.getPackage() + "." + rule.getName();
        if (names.contains(key)) {
          Declared d = declared.get(key);
          problems.add(new RuleBaseException.Problem(d == null ? "<rules>" : d.source.name(), d == null ? 0 : d.line,
              0, "drl_compile_error", "rule `" + rule.getName() + "` in package `" + rule.getPackage()
              + "` has the name of a bundled rule in the same package; to replace a bundled rule, give yours the"
              + " same @id in a package of your own"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleBaseException(problems);
    }
  }

  private static String key(Rule rule) {
    return rule.getPackageName() + "." + rule.getName();
  }

  /** Reads and validates one rule's metadata; records problems and returns null when unusable. */
  private static RuleMetadata metadata(Rule rule, Declared d, String file, RequirementCatalog catalog,
      List<RuleBaseException.Problem> problems, boolean decision) {
    Map<String, Object> meta = rule.getMetaData();
    List<String> missing = new ArrayList<>();
    // a decision rule that only votes allow or deny, and an inference rule (it inserts facts other
    // rules match), report nothing: a severity would mean nothing
    boolean inference = !decision && !d.reports && d.inserts;
    boolean reportsNothing = (decision && !d.reports) || inference;
    for (String k : REQUIRED_KEYS) {
      if (k.equals("severity") && reportsNothing) {
        continue;
      }
      Object v = meta.get(k);
      if (v == null || v.toString().isBlank()) {
        missing.add("@" + k);
      }
    }
    if (!missing.isEmpty()) {
      problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
          "rule `" + rule.getName() + "` lacks " + String.join(", ", missing)));
      return null;
    }
    String id = meta.get("id").toString();
    String requirement = meta.get("requirement").toString();
    String title = meta.get("title").toString();
    int before = problems.size();
    Severity severity = null;
    try {
      severity = reportsNothing || (decision && meta.get("severity") == null) ? null
          : Severity.parse(meta.get("severity").toString());
    } catch (IllegalArgumentException e) {
      problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
          "rule `" + rule.getName() + "`: " + e.getMessage()));
    }
    if (!id.equals(rule.getName())) {
      problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
          "rule `" + rule.getName() + "` has @id `" + id + "`: the rule name must equal its @id"));
    }
    if (!catalog.contains(requirement)) {
      problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
          "rule `" + rule.getName() + "` names unknown requirement `" + requirement + "`"));
    }
    if (title.contains("\n") || title.endsWith(".")) {
      problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
          "rule `" + rule.getName() + "`: @title must be one line without a final period"));
    }
    // an inference rule's facts must all exist before a reporting rule (salience 0) fires, or a
    // finding could be made from a fact a later inference withdraws
    if (!decision && !d.reports && d.inserts && salience(rule) <= 0) {
      problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
          "rule `" + rule.getName() + "` derives facts (it inserts and reports nothing) but has no salience above 0:"
          + " give inference rules `salience 100`, as the bundled ones have, so that they all run before any"
          + " reporting rule fires"));
    }
    int stage = 0;
    Object stageText = meta.get("stage");
    if (stageText != null) {
      try {
        stage = Integer.parseInt(stageText.toString().trim());
      } catch (NumberFormatException e) {
        problems.add(new RuleBaseException.Problem(file, d.line, 0, "rule_metadata_error",
            "rule `" + rule.getName() + "`: @stage must be a whole number, not `" + stageText + "`"));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new RuleMetadata(id, requirement, severity, title, d.source == null ? "bundled" : d.source.source(), decision,
        stage);
  }

  /** A rule's salience; 0 when it has none or it is computed from the facts. */
  private static int salience(Rule rule) {
    if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl r && r.getSalience() != null
        && !r.getSalience().isDynamic()) {
      return r.getSalience().getValue();
    }
    return 0;
  }

  /**
   * Where a rule is declared, whether its text reports findings ({@code .violation(}) and whether
   * it inserts facts (an inference rule).
   */
  private record Declared(RuleSource source, int line, int order, boolean reports, boolean inserts) {}

  /** Where each rule is declared (by package and name), so metadata errors can point at a line. */
  private static Map<String, Declared> declarations(List<RuleSource> sources) {
    Map<String, Declared> out = new HashMap<>();
    int order = 0;
    for (RuleSource src : sources) {
      String text = src.text();
      Matcher pm = PACKAGE_DECL.matcher(text);
      String pkg = pm.find() ? pm.group(1) : "defaultpkg";
      Matcher m = RULE_DECL.matcher(text);
      // lines are counted on from the previous rule: counting from the top each time is quadratic
      int line = 1;
      int counted = 0;
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        for (; counted < m.start(); counted++) {
          if (text.charAt(counted) == '\n') {
            line++;
          }
        }
        int end = text.indexOf("\nend", m.end());
        String body = text.substring(m.start(), end < 0 ? text.length() : end);
        out.putIfAbsent(pkg + "." + name, new Declared(src, line, order++, body.contains(".violation("),
            body.contains("insert(") || body.contains("insertLogical(")));
      }
    }
    return out;
  }
}
