package io.drvguard.drl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSource;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.ViolationSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;

/** The executable-model rule cache: what is found again, what is compiled again, and what may go wrong. */
class RuleCacheTest {
  private static RuleSource drl(String name, String ruleName) {
    return new RuleSource(name, """
        package com.example.cache
        import io.drvguard.facts.model.IoctlDefinition
        import io.drvguard.facts.model.ViolationSink
        global ViolationSink report
        rule "%s"
          @id("%s") @requirement("IOCTL-3") @severity("warning") @title("Every IOCTL")
        when
          $i : IoctlDefinition()
        then
          report.violation(drools.getRule().getName(), $i.packageName(), $i.name(), "seen", $i.location());
        end
        """.formatted(ruleName, ruleName), false);
  }

  private static List<Path> jars(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).toList();
    }
  }

  @Test
  void anUnchangedFolderIsLoadedNotCompiled(@TempDir Path tmp) throws Exception {
    RuleCache cache = new RuleCache(tmp.resolve("rules"));
    List<RuleSource> sources = List.of(drl("a/One.drl", "EveryIoctl"));
    RuleBase.build(sources, RequirementCatalog.bundled(), new RuleCompiler(Optional.of(cache)));
    List<Path> stored = jars(cache.dir());
    assertEquals(1, stored.size());
    assertEquals(RuleCache.key(sources) + ".jar", stored.get(0).getFileName().toString());

    RuleCompiler second = new RuleCompiler(Optional.of(cache));
    RuleBase again = RuleBase.build(sources, RequirementCatalog.bundled(), second);
    assertEquals(0, second.compilations(), "the second build loaded the stored kjar");
    assertEquals(List.of("IOCTL_X"), firedOn(again));
  }

  @Test
  void changedTextIsCompiledAgainUnderAnotherKey(@TempDir Path tmp) throws Exception {
    RuleCache cache = new RuleCache(tmp.resolve("rules"));
    RuleBase.build(List.of(drl("One.drl", "EveryIoctl")), RequirementCatalog.bundled(),
        new RuleCompiler(Optional.of(cache)));
    RuleBase.build(List.of(drl("One.drl", "EveryIoctlRenamed")), RequirementCatalog.bundled(),
        new RuleCompiler(Optional.of(cache)));
    assertEquals(2, jars(cache.dir()).size());
    assertNotEquals(RuleCache.key(List.of(drl("One.drl", "EveryIoctl"))),
        RuleCache.key(List.of(drl("One.drl", "EveryIoctlRenamed"))));
  }

  @Test
  void aCorruptEntryIsCompiledAgainAndReplaced(@TempDir Path tmp) throws Exception {
    RuleCache cache = new RuleCache(tmp.resolve("rules"));
    List<RuleSource> sources = List.of(drl("One.drl", "EveryIoctl"));
    Files.createDirectories(cache.dir());
    Path entry = cache.dir().resolve(RuleCache.key(sources) + ".jar");
    Files.writeString(entry, "not a jar");
    RuleBase rb = RuleBase.build(sources, RequirementCatalog.bundled(), new RuleCompiler(Optional.of(cache)));
    assertTrue(rb.rules().containsKey("EveryIoctl"));
    assertTrue(Files.size(entry) > 100, "the corrupt entry was replaced by the compiled kjar");
  }

  @Test
  void anUnwritableCacheOnlyCostsACompilation(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "");
    RuleCache cache = new RuleCache(file.resolve("rules"));
    RuleBase rb = RuleBase.build(List.of(drl("One.drl", "EveryIoctl")), RequirementCatalog.bundled(),
        new RuleCompiler(Optional.of(cache)));
    assertEquals(List.of("IOCTL_X"), firedOn(rb));
  }

  @Test
  void aBadFolderIsNotCachedAndErrorsKeepTheirLines(@TempDir Path tmp) throws Exception {
    RuleCache cache = new RuleCache(tmp.resolve("rules"));
    RuleSource bad = new RuleSource("Bad.drl", """
        package com.example.cache
        import io.drvguard.facts.model.IoctlDefinition
        rule "Bad"
          @id("Bad") @requirement("IOCTL-3") @severity("warning") @title("Bad")
        when
          $i : IoctlDefinition( nosuchfield == 1 )
        then
        end
        """, false);
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(List.of(bad), RequirementCatalog.bundled(), new RuleCompiler(Optional.of(cache))));
    assertEquals("Bad.drl", e.problems().get(0).file());
    assertEquals(6, e.problems().get(0).line(), e.getMessage());
    assertTrue(jars(cache.dir()).isEmpty());
  }

  @Test
  void keepsOnlyTheNewestEntries(@TempDir Path tmp) throws Exception {
    RuleCache cache = new RuleCache(tmp.resolve("rules"));
    for (int i = 0; i < RuleCache.KEEP + 3; i++) {
      assertTrue(cache.store("k" + i, new byte[] {1}).isPresent());
      Files.setLastModifiedTime(cache.dir().resolve("k" + i + ".jar"),
          java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    List<Path> left = jars(cache.dir());
    assertEquals(RuleCache.KEEP, left.size());
    assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().equals("k0.jar")));
  }

  @Test
  void aRuleNamedLikeABundledOneInItsPackageIsAnError() throws Exception {
    List<RuleSource> sources = new ArrayList<>(RuleBase.bundledSources());
    sources.add(new RuleSource("Clash.drl", """
        package drvguard.rules.ioctl
        import io.drvguard.facts.model.IoctlDefinition
        rule "UserModeIoctlAnyAccess"
          @id("UserModeIoctlAnyAccess") @requirement("IOCTL-3") @severity("error") @title("Clash")
        when
          $i : IoctlDefinition()
        then
        end
        """, false));
    RuleBaseException e = assertThrows(RuleBaseException.class,
        () -> RuleBase.build(sources, RequirementCatalog.bundled(), new RuleCompiler(Optional.empty())));
    assertEquals("Clash.drl", e.problems().get(0).file());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("in a package of your own"), e.getMessage());
  }

  /** The subjects the loaded rules report for one IOCTL: proves the cached kjar runs, not just loads. */
  private static List<String> firedOn(RuleBase rb) {
    List<String> subjects = new ArrayList<>();
    ViolationSink sink = (ruleId, pkg, subject, message, location) -> subjects.add(subject);
    KieSession session = rb.kieBase().newKieSession();
    try {
      session.setGlobal("report", sink);
      session.insert(new IoctlDefinition("pkg", "IOCTL_X", "0", CtlCode.decode(0x222000), true, false,
          List.of(), false, null, false, null, new SourceLocation("t.yaml", 1, 1)));
      session.fireAllRules();
    } finally {
      session.dispose();
    }
    return subjects;
  }
}
