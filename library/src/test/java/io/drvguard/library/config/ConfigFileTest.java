package io.drvguard.library.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.Engine;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.security.Sid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layering itself, without the command line (the command line's use of it: cli's
 * {@code ConfigLayeringTest}): the winning layer per key, where each override was written, and the
 * checks against the rules.
 */
class ConfigFileTest {
  @TempDir Path dir;

  private Path write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void targetIsCarriedAndChecked() throws Exception {
    ConfigFile c = ConfigFile.load(List.of(), null, new ConfigSources(Map.of(), null), RequirementCatalog.bundled());
    assertEquals("win10", c.target());
    c = ConfigFile.load(List.of(), null, new ConfigSources(Map.of("DRVGUARD_POLICY_TARGET", "WinXP"), null),
        RequirementCatalog.bundled());
    assertEquals("winxp", c.target());
    c = ConfigFile.load(List.of("policy.target=win11"), null,
        new ConfigSources(Map.of("DRVGUARD_POLICY_TARGET", "WinXP"), null), RequirementCatalog.bundled());
    assertEquals("win11", c.target());
    InputException e = assertThrows(InputException.class, () -> ConfigFile.load(List.of(), null,
        new ConfigSources(Map.of("DRVGUARD_POLICY_TARGET", "win95"), null), RequirementCatalog.bundled()));
    assertEquals("config_bad_value", e.code());
    assertEquals("environment variable DRVGUARD_POLICY_TARGET", e.file());
  }

  @Test
  void theEffectiveSettingsComeFromTheWinningLayer() throws Exception {
    Path wd = dir.resolve("wd");
    write(wd.resolve("drvguard.yaml"), """
        severity: {OBJ-1: warning, IOCTL-3: info}
        policy: {pnpDefaultSddl: 'D:P(A;;GA;;;SY)'}
        """);
    Path cfg = write(dir.resolve("c.properties"), "severity.IOCTL-3 = error\n");
    ConfigFile c = ConfigFile.load(List.of(), cfg, new ConfigSources(Map.of("DRVGUARD_SEVERITY_OBJ_1", "info"), wd),
        RequirementCatalog.bundled());
    assertEquals(Map.of("OBJ-1", Severity.INFO, "IOCTL-3", Severity.ERROR), c.settings().severityOverrides());
    assertEquals("D:P(A;;GA;;;SY)", c.settings().policy().pnpDefaultSddl());
    assertEquals(Set.of(Sid.LOCAL_SYSTEM), c.settings().policy().strongPrincipals());
    assertEquals("environment variable DRVGUARD_SEVERITY_OBJ_1", c.overrideLocations().get("OBJ-1").file());
    assertEquals(cfg.toString(), c.overrideLocations().get("IOCTL-3").file());
    assertEquals(1, c.overrideLocations().get("IOCTL-3").line());
  }

  @Test
  void xmlListsAndTheSetLayerWin() throws Exception {
    Path xml = write(dir.resolve("cfg.xml"), """
        <drvguard>
          <policy>
            <strongPrincipals>SY</strongPrincipals>
            <strongPrincipals>BA</strongPrincipals>
            <target>win2003</target>
          </policy>
        </drvguard>
        """);
    ConfigFile c = ConfigFile.load(List.of(), xml, ConfigSources.NONE, RequirementCatalog.bundled());
    assertEquals(Set.of(Sid.parse("SY"), Sid.parse("BA")), c.settings().policy().strongPrincipals());
    assertEquals("win2003", c.target());
    c = ConfigFile.load(List.of("policy.strongPrincipals=SY"), xml, ConfigSources.NONE, RequirementCatalog.bundled());
    assertEquals(Set.of(Sid.LOCAL_SYSTEM), c.settings().policy().strongPrincipals());
    // read(file): the file over the defaults alone
    assertEquals(Set.of(Sid.parse("SY"), Sid.parse("BA")), ConfigFile.read(xml).settings().policy().strongPrincipals());
  }

  @Test
  void anOverrideNamingNoRuleIsAnErrorWhereItWasWritten() throws Exception {
    RuleBase rules = Engine.withBundledRules().ruleBase();
    Path cfg = write(dir.resolve("c.yaml"), "severity:\n  OBJ-1: info\n  OBJ-1x: info\n");
    InputException e = assertThrows(InputException.class, () -> ConfigFile.read(cfg).validate(rules));
    assertEquals("config_unknown_id", e.code());
    assertEquals(cfg.toString(), e.file());
    assertEquals(3, e.line());
    Path off = write(dir.resolve("off.yaml"), "severity:\n  DirectOpenGranted: 'off'\n");
    InputException decision = assertThrows(InputException.class, () -> ConfigFile.read(off).validate(rules));
    assertTrue(decision.getMessage().contains("is a decision rule"), decision.getMessage());
    ConfigFile.read(write(dir.resolve("ok.yaml"), "severity:\n  OBJ-1: info\n")).validate(rules);
  }
}
