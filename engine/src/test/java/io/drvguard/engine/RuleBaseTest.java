package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled rule base; DRL compiled at run time is tested in the drl module (CompiledRuleBaseTest). */
class RuleBaseTest {
  @Test
  void bundledRulesCarryValidMetadata() throws Exception {
    RuleBase rb = RuleBase.build(RuleBase.bundledSources(), RequirementCatalog.bundled());
    assertTrue(rb.rules().containsKey("RawPdoWithoutIoCreateDeviceSecure"));
    RuleMetadata m = rb.rules().get("RawPdoWithoutIoCreateDeviceSecure");
    assertEquals("OBJ-1", m.requirement());
    assertEquals(Severity.ERROR, m.severity());
    assertEquals("bundled", m.source());
    for (RuleMetadata r : rb.rules().values()) {
      assertTrue(RequirementCatalog.bundled().contains(r.requirement()), r.id());
    }
  }

  @Test
  void bundledRulesComePrecompiled() throws Exception {
    assertTrue(PrecompiledRules.available(), "kie-maven-plugin's executable model is on the classpath");
    RuleBase rb = RuleBase.build(RuleBase.bundledSources(), RequirementCatalog.bundled(), sources -> {
      throw new AssertionError("compiled " + sources.size() + " DRL files");
    });
    assertTrue(rb.rules().containsKey("RawPdoWithoutIoCreateDeviceSecure"));
  }

  @Test
  void drlToCompileWithoutTheCompilerNamesTheArtifactToAdd() {
    // the engine's own test classpath has no drl module, as a lean embedding has none
    RuleSource house = new RuleSource("house/House.drl", "package house\n", false);
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(house), RequirementCatalog.bundled()));
    assertEquals("house/House.drl", e.problems().get(0).file());
    assertEquals("drl_compiler_missing", e.problems().get(0).code());
    assertTrue(e.getMessage().contains("`io.drvguard:drvguard-drl`"), e.getMessage());
  }

  @Test
  void decisionRulesAreTellable() throws Exception {
    RuleBase rb = RuleBase.build(RuleBase.bundledSources(), RequirementCatalog.bundled());
    assertTrue(rb.rules().get("DirectOpenGranted").decision());
    assertTrue(rb.rules().get("KernelObjectOpenDenied").decision());
    assertFalse(rb.rules().get("RawPdoWithoutIoCreateDeviceSecure").decision());
    assertFalse(rb.rules().get("NamespaceOpenNotFailed").decision());
  }

  @Test
  void indexListsEveryBundledDrlFile() throws Exception {
    Path root = Path.of("../rules/src/main/resources");
    List<String> onDisk;
    try (Stream<Path> s = Files.walk(root.resolve("drvguard/rules"))) {
      onDisk = s.filter(p -> p.toString().endsWith(".drl")).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    }
    List<String> listed = RuleBase.bundledSources().stream().map(RuleSource::name).sorted().toList();
    assertEquals(onDisk, listed, "rules/src/main/resources/" + RuleBase.INDEX + " is out of date");
  }

}
