package io.drvguard.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.io.ResourceType;

/**
 * Compiles DRL given at run time (an author's rule folder) to the executable model, keeping the
 * result in a {@link RuleCache} so that the next run over the same texts loads it instead. DRL
 * that does not compile is compiled once more the classic way, whose messages carry the file,
 * line and column; that way also serves DRL the executable model does not support.
 */
final class RuleCompiler {
  private static final String KIE_BASE = "drvguard";

  private final Optional<RuleCache> cache;
  private int compilations;

  RuleCompiler(Optional<RuleCache> cache) {
    this.cache = cache;
  }

  KieBase compile(List<RuleSource> sources) throws RuleBaseException {
    String key = RuleCache.key(sources);
    Optional<byte[]> cached = cache.flatMap(c -> c.load(key));
    if (cached.isPresent()) {
      try {
        return load(cached.get());
      } catch (RuntimeException e) {
        cache.get().evict(key);
      }
    }
    KieServices ks = KieServices.Factory.get();
    compilations++;
    Build model = build(ks, sources, true);
    if (model.errors().isEmpty()) {
      byte[] kjar = ((InternalKieModule) model.builder().getKieModule()).getBytes();
      ks.getRepository().removeKieModule(model.releaseId());
      cache.ifPresent(c -> c.store(key, kjar));
      return load(kjar);
    }
    ks.getRepository().removeKieModule(model.releaseId());
    Build classic = build(ks, sources, false);
    try {
      if (!classic.errors().isEmpty()) {
        throw new RuleBaseException(classic.errors());
      }
      return ks.newKieContainer(classic.releaseId()).getKieBase(KIE_BASE);
    } finally {
      ks.getRepository().removeKieModule(classic.releaseId());
    }
  }

  /** How many times this compiler compiled rather than loaded from the cache. */
  int compilations() {
    return compilations;
  }

  private static KieBase load(byte[] kjar) {
    KieServices ks = KieServices.Factory.get();
    KieModule module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(kjar));
    try {
      return ks.newKieContainer(module.getReleaseId()).getKieBase(KIE_BASE);
    } finally {
      ks.getRepository().removeKieModule(module.getReleaseId());
    }
  }

  private record Build(KieBuilder builder, ReleaseId releaseId, List<RuleBaseException.Problem> errors) {}

  private static Build build(KieServices ks, List<RuleSource> sources, boolean executableModel) {
    KieFileSystem kfs = ks.newKieFileSystem();
    KieModuleModel kmm = ks.newKieModuleModel();
    // the same settings as the bundled kmodule.xml
    kmm.setConfigurationProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
    kmm.setConfigurationProperty("drools.propertySpecific", "ALLOWED");
    kmm.newKieBaseModel(KIE_BASE).setDefault(true).newKieSessionModel(KIE_BASE).setDefault(true);
    kfs.writeKModuleXML(kmm.toXML());
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
