package io.drvguard.drl;

import io.drvguard.engine.DrlCompiler;
import io.drvguard.engine.ExecutableModel;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSource;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarFile;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.io.ResourceType;

/**
 * Compiles DRL given at run time (an author's rule folder) to the executable model, keeping the
 * kjar in a {@code RuleCache} so that the next run over the same texts loads its classes instead. DRL
 * that does not compile is compiled once more the classic way, whose messages name the file and
 * rule, and each error is placed at the line and column of its expression (see
 * {@code DrlErrorPlace}); that way also serves DRL the executable model does not support.
 */
public final class RuleCompiler implements DrlCompiler {
  private static final String KIE_BASE = "drvguard";

  /** How the rules are compiled; part of the cache key, as a change to it changes the kjar. */
  static String kmodule() {
    return Kmodule.XML;
  }

  private static final class Kmodule {
    // built on first use: writing kmodule XML loads XStream, which a run of bundled rules never needs
    static final String XML = kmoduleXml();
  }

  private final Optional<RuleCache> cache;
  private int compilations;

  /** The compiler the engine finds (META-INF/services), with the standard cache ({@code RuleCache.standard()}). */
  public RuleCompiler() {
    this(RuleCache.standard());
  }

  RuleCompiler(Optional<RuleCache> cache) {
    this.cache = cache;
  }

  @Override
  public Compiled compile(List<RuleSource> sources) throws RuleBaseException {
    String key = RuleCache.key(sources);
    Optional<Path> cached = cache.flatMap(c -> c.find(key));
    if (cached.isPresent()) {
      try {
        return new Compiled(load(cached.get()), null);
      } catch (RuntimeException | IOException | LinkageError e) {
        cache.get().evict(key);
      }
    }
    KieServices ks = KieServices.Factory.get();
    compilations++;
    Build model = build(ks, sources, true);
    ks.getRepository().removeKieModule(model.releaseId());
    if (model.errors().isEmpty()) {
      byte[] kjar = ((InternalKieModule) model.builder().getKieModule()).getBytes();
      try {
        Path jar = cache.flatMap(c -> c.store(key, kjar)).orElse(null);
        if (jar == null) {
          // no cache to keep it in: a file of this run's own, for the class loader to read from
          jar = Files.createTempFile("drvguard-rules-", ".jar");
          jar.toFile().deleteOnExit();
          Files.write(jar, kjar);
        }
        return new Compiled(load(jar), null);
      } catch (IOException e) {
        throw new RuleBaseException(List.of(new RuleBaseException.Problem("<rules>", 0, 0, "rules_unreadable",
            "cannot write the compiled rules to a temporary file: " + e.getMessage())));
      }
    }
    Build classic = build(ks, sources, false);
    try {
      if (!classic.errors().isEmpty()) {
        throw new RuleBaseException(placed(ks, sources, classic, model));
      }
      return new Compiled(null, ks.newKieContainer(classic.releaseId()).getKieBase(KIE_BASE));
    } finally {
      ks.getRepository().removeKieModule(classic.releaseId());
    }
  }

  /** How many times this compiler compiled rather than loaded from the cache. */
  int compilations() {
    return compilations;
  }

  /** The models of a compiled kjar, defined by a class loader over the file. */
  private static ExecutableModel load(Path jar) throws IOException {
    String listing = null;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (var entries = file.entries(); entries.hasMoreElements();) {
        String name = entries.nextElement().getName();
        if (name.startsWith("META-INF/kie/") && name.endsWith("/drools-model")) {
          listing = name;
          break;
        }
      }
    }
    if (listing == null) {
      throw new IOException(jar + " holds no executable model");
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, RuleBase.class.getClassLoader());
    URL url = loader.findResource(listing);
    if (url == null) {
      throw new IOException(jar + ": cannot read " + listing);
    }
    return ExecutableModel.load(loader, url);
  }

  /**
   * A build: its error messages, and its problems as Drools places them (which the classic
   * compiler's are not, see {@link #placed}).
   */
  private record Build(KieBuilder builder, ReleaseId releaseId, List<Message> messages,
      Map<String, RuleSource> byKiePath, List<RuleBaseException.Problem> errors) {}

  private static Build build(KieServices ks, List<RuleSource> sources, boolean executableModel) {
    KieFileSystem kfs = ks.newKieFileSystem();
    kfs.writeKModuleXML(kmodule());
    ReleaseId releaseId = ks.newReleaseId("io.drvguard.generated", "rules-" + UUID.randomUUID(), "1.0.0");
    kfs.generateAndWritePomXML(releaseId);

    Map<String, RuleSource> byKiePath = new HashMap<>();
    int n = 0;
    for (RuleSource src : sources) {
      String resourcePath = "drl" + (n++) + "/" + fileName(src.name());
      String kiePath = "src/main/resources/" + resourcePath;
      // messages name the resource with or without the source-folder prefix
      byKiePath.put(kiePath, src);
      byKiePath.put(resourcePath, src);
      kfs.write(kiePath, ks.getResources()
          .newByteArrayResource(src.text().getBytes(StandardCharsets.UTF_8))
          .setResourceType(ResourceType.DRL));
    }
    KieBuilder builder = ks.newKieBuilder(kfs);
    if (executableModel) {
      try {
        builder.buildAll(ExecutableModelProject.class);
      } catch (RuntimeException e) {
        // the executable model's compiler throws on some DRL (a constraint comparing an int with a
        // string that is no number); the classic compiler then says what is wrong, and where
        return new Build(builder, releaseId, List.of(), byKiePath, List.of(new RuleBaseException.Problem(
            "<rules>", 0, 0, "drl_compile_error", "the executable model compiler failed: " + e)));
      }
    } else {
      builder.buildAll(org.drools.compiler.kie.builder.impl.DrlProject.class);
    }
    List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
    List<RuleBaseException.Problem> problems = new ArrayList<>();
    for (Message m : messages) {
      RuleSource src = byKiePath.get(m.getPath());
      problems.add(new RuleBaseException.Problem(
          src == null ? "<rules>" : src.name(), m.getLine(), m.getColumn(), "drl_compile_error",
          oneLine(m.getText())));
    }
    return new Build(builder, releaseId, messages, byKiePath, problems);
  }

  /**
   * The classic build's problems at the expression each is about (see {@link DrlErrorPlace}):
   * a constraint Drools could not analyse, found by the text it quotes; each error javac found in a
   * consequence, which Drools reports together at the rule header, found through the same error in
   * the Java the executable model generated. The executable model compiles no consequence when a
   * constraint fails, so unless {@code model} holds them all, the rules with consequence errors are
   * compiled once more on their own.
   */
  private static List<RuleBaseException.Problem> placed(KieServices ks, List<RuleSource> sources, Build classic,
      Build model) {
    List<DrlErrorPlace.GeneratedError> generated = DrlErrorPlace.GeneratedError.of(model.messages());
    Map<RuleSource, Set<Integer>> consequenceErrors = new HashMap<>();
    boolean missing = false;
    for (Message m : classic.messages()) {
      RuleSource src = classic.byKiePath().get(m.getPath());
      if (src != null && m.getText() != null && m.getText().startsWith(DrlErrorPlace.CONSEQUENCE)) {
        consequenceErrors.computeIfAbsent(src, s -> new HashSet<>()).add(m.getLine());
        for (String javac : javacMessages(m.getText())) {
          missing |= generated.stream().noneMatch(g -> g.message().equals(javac));
        }
      }
    }
    if (missing) {
      List<RuleSource> alone = sources.stream().map(src -> new RuleSource(src.name(),
          new DrlErrorPlace(src.text()).onlyRulesAt(consequenceErrors.getOrDefault(src, Set.of())), src.bundled()))
          .toList();
      Build again = build(ks, alone, true);
      ks.getRepository().removeKieModule(again.releaseId());
      generated = DrlErrorPlace.GeneratedError.of(again.messages());
    }
    return placed(classic, generated);
  }

  /** The javac messages of a classic consequence error, one a line after its prefix. */
  private static List<String> javacMessages(String text) {
    return java.util.Arrays.stream(text.substring(DrlErrorPlace.CONSEQUENCE.length()).split("\\R"))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The classic build's problems, placed with the help of {@code generated}. */
  private static List<RuleBaseException.Problem> placed(Build classic, List<DrlErrorPlace.GeneratedError> generated) {
    List<DrlErrorPlace.GeneratedError> unclaimed = new ArrayList<>(generated);
    List<RuleBaseException.Problem> problems = new ArrayList<>();
    for (Message m : classic.messages()) {
      RuleSource src = classic.byKiePath().get(m.getPath());
      String text = m.getText() == null ? "" : m.getText();
      if (src == null) {
        problems.add(new RuleBaseException.Problem("<rules>", m.getLine(), m.getColumn(), "drl_compile_error",
            oneLine(text)));
        continue;
      }
      DrlErrorPlace drl = new DrlErrorPlace(src.text());
      if (text.startsWith(DrlErrorPlace.CONSEQUENCE)) {
        for (String javac : javacMessages(text)) {
          DrlErrorPlace.Place at = claim(drl, m.getLine(), javac, unclaimed);
          problems.add(new RuleBaseException.Problem(src.name(), at == null ? m.getLine() : at.line(),
              at == null ? m.getColumn() : at.column(), "drl_compile_error", DrlErrorPlace.CONSEQUENCE + " " + javac));
        }
        continue;
      }
      String expression = DrlErrorPlace.quotedExpression(text);
      DrlErrorPlace.Place at = expression == null ? null : drl.constraint(expression, m.getLine());
      problems.add(at == null
          ? new RuleBaseException.Problem(src.name(), m.getLine(), m.getColumn(), "drl_compile_error", oneLine(text))
          : new RuleBaseException.Problem(src.name(), at.line(), at.column(), "drl_compile_error",
              DrlErrorPlace.withoutMvelPosition(oneLine(text))));
    }
    return problems;
  }

  /**
   * The place of {@code javac} in the consequence of the rule on {@code ruleLine}: of the generated
   * errors with that message, the one whose code matches best there, which is then used up (two
   * rules, or two statements, may make the same error).
   */
  private static DrlErrorPlace.Place claim(DrlErrorPlace drl, int ruleLine, String javac,
      List<DrlErrorPlace.GeneratedError> unclaimed) {
    DrlErrorPlace.GeneratedError best = null;
    DrlErrorPlace.Scored bestAt = null;
    for (DrlErrorPlace.GeneratedError g : unclaimed) {
      if (!g.message().equals(javac)) {
        continue;
      }
      DrlErrorPlace.Scored at = drl.consequence(ruleLine, g);
      if (at != null && (bestAt == null || at.score() > bestAt.score())) {
        best = g;
        bestAt = at;
      }
    }
    if (best == null) {
      return null;
    }
    unclaimed.remove(best);
    return bestAt.place();
  }

  private static String kmoduleXml() {
    KieModuleModel kmm = KieServices.Factory.get().newKieModuleModel();
    // a duplicate rule name would otherwise silently replace the earlier rule. Property reactivity
    // stays at its default, as for the bundled rules, or their packages could not be merged
    // ("Unable to merge @propertyReactive"); facts are never modified, so it changes nothing.
    kmm.setConfigurationProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
    kmm.newKieBaseModel(KIE_BASE).setDefault(true).newKieSessionModel(KIE_BASE).setDefault(true);
    return kmm.toXML();
  }

  private static String fileName(String name) {
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return base.endsWith(".drl") ? base : base + ".drl";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
