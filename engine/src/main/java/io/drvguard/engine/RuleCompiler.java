package io.drvguard.engine;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarFile;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.io.ResourceType;

/**
 * Compiles DRL given at run time (an author's rule folder) to the executable model, keeping the
 * kjar in a {@link RuleCache} so that the next run over the same texts loads its classes instead. DRL
 * that does not compile is compiled once more the classic way, whose messages carry the file,
 * line and column; that way also serves DRL the executable model does not support.
 */
final class RuleCompiler {
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

  RuleCompiler(Optional<RuleCache> cache) {
    this.cache = cache;
  }

  /** What compiling gives: the executable model, or, for DRL it does not support, a classic rule base. */
  record Compiled(ExecutableModel model, KieBase classic) {}

  Compiled compile(List<RuleSource> sources) throws RuleBaseException {
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
        throw new RuleBaseException(classic.errors());
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

  private record Build(KieBuilder builder, ReleaseId releaseId, List<RuleBaseException.Problem> errors) {}

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
      builder.buildAll(ExecutableModelProject.class);
    } else {
      builder.buildAll(org.drools.compiler.kie.builder.impl.DrlProject.class);
    }
    List<RuleBaseException.Problem> problems = new ArrayList<>();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      RuleSource src = byKiePath.get(m.getPath());
      problems.add(new RuleBaseException.Problem(
          src == null ? "<rules>" : src.name(), m.getLine(), m.getColumn(), "drl_compile_error",
          oneLine(m.getText())));
    }
    return new Build(builder, releaseId, problems);
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
