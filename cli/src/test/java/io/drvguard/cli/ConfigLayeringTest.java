package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.cli.CheckCommandTest.Run;
import io.drvguard.cli.config.ConfigSources;
import io.drvguard.engine.RequirementCatalog;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.security.Sid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers, highest first: --set, DRVGUARD_* environment, --config, the working directory's
 * settings file, bundled defaults. The environment and working directory are injected through
 * {@link EngineOptions#configSources}; the real ones are never read or changed.
 */
class ConfigLayeringTest {
  @TempDir Path dir;
  Path wd;
  Path pkg;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    wd = Files.createDirectories(dir.resolve("wd"));
    pkg = Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(pkg.resolve("drvguard.yaml"), CheckCommandTest.RAW_PDO_INSECURE);
  }

  @AfterEach
  void tearDown() {
    EngineOptions.configSources = null;
  }

  private Run run(String... args) {
    EngineOptions.configSources = new ConfigSources(env, wd);
    return CheckCommandTest.run(args);
  }

  private Run check(String... options) {
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(List.of(options));
    args.add(pkg.toString());
    return run(args.toArray(String[]::new));
  }

  /** The severity the OBJ-1 finding of the package came out with. */
  private String obj1Severity(Run r) {
    for (String s : List.of("error", "warning", "info")) {
      if (r.out().contains(": " + s + ": raw-mode PDO")) {
        return s;
      }
    }
    throw new AssertionError("no OBJ-1 finding: " + r.out() + r.err());
  }

  private Path write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void eachLayerOverridesTheOnesBelow() throws Exception {
    // bundled default (the rule's own severity)
    Run r = check();
    assertEquals("error", obj1Severity(r), r.err());
    assertEquals(1, r.code());
    // working directory settings
    write(wd.resolve("drvguard.yaml"), "severity:\n  OBJ-1: warning\n");
    r = check();
    assertEquals("warning", obj1Severity(r), r.err());
    assertEquals(0, r.code());
    // --config beats the working directory
    Path cfg = write(dir.resolve("cfg.yaml"), "severity:\n  OBJ-1: info\n");
    assertEquals("info", obj1Severity(check("--config", cfg.toString())));
    // the environment beats --config
    env.put("DRVGUARD_SEVERITY_OBJ_1", "warning");
    assertEquals("warning", obj1Severity(check("--config", cfg.toString())));
    // --set beats the environment
    r = check("--config", cfg.toString(), "--set", "severity.OBJ-1=error");
    assertEquals("error", obj1Severity(r));
    assertEquals(1, r.code());
  }

  @Test
  void aHigherLayerWinsWhicheverValueItHas() throws Exception {
    // the same checks with the values turned round, so no ordering of severities can pass by chance
    write(wd.resolve("drvguard.yaml"), "severity:\n  OBJ-1: info\n");
    Path cfg = write(dir.resolve("cfg.yaml"), "severity:\n  OBJ-1: error\n");
    assertEquals("error", obj1Severity(check("--config", cfg.toString())));
    env.put("DRVGUARD_SEVERITY_OBJ_1", "info");
    assertEquals("info", obj1Severity(check("--config", cfg.toString())));
    assertEquals("warning", obj1Severity(check("--config", cfg.toString(), "--set", "severity.OBJ-1=warning")));
    // lower layers still apply to keys the higher ones leave alone
    env.clear();
    assertEquals("error", obj1Severity(check("--config", cfg.toString(), "--set", "severity.OBJ-9=info")));
  }

  @Test
  void environmentNamesRequirementsWithUnderscoresAndRulesAsWritten() throws Exception {
    env.put("DRVGUARD_SEVERITY_obj_1", "info");
    assertEquals("info", obj1Severity(check()));
    env.clear();
    env.put("DRVGUARD_SEVERITY_RawPdoWithoutIoCreateDeviceSecure", "warning");
    assertEquals("warning", obj1Severity(check()));
    // the launcher's variables are not configuration
    env.put("DRVGUARD_JAVA_OPTS", "-Xmx1g");
    env.put("DRVGUARD_HOME", "/opt/drvguard");
    assertEquals("warning", obj1Severity(check()));
  }

  @Test
  void environmentSetsThePolicy() throws Exception {
    Path admins = write(dir.resolve("admins/drvguard.yaml"), """
        driver: {name: admins, role: bus, dispatch: {failsRelatedOpen: true, failsNamespaceOpen: true}}
        deviceObjects:
          - {id: pdo0, kind: pdo, rawMode: true, createdWith: IoCreateDeviceSecure, sddl: 'D:P(A;;GA;;;SY)(A;;GA;;;BA)',
             characteristics: [FILE_AUTOGENERATED_DEVICE_NAME, FILE_DEVICE_SECURE_OPEN]}
        """).getParent();
    assertEquals(1, run("check", admins.toString()).code());
    env.put("DRVGUARD_POLICY_STRONGPRINCIPALS", "SY, BA");
    Run r = run("check", admins.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    // --set narrows it again
    assertEquals(1, run("check", "--set", "policy.strongPrincipals=SY", admins.toString()).code());
  }

  @Test
  void policyParametersOfTheInferenceRulesChangeTheFindings() throws Exception {
    Path pkg = Path.of("../regression/cases/INF-4/noncompliant/everyone-read-write").toAbsolutePath().normalize();
    Run r = run("check", "--format", "json", pkg.toString());
    assertTrue(r.out().contains("InfGrantsWriteToBroadPrincipal"), r.out() + r.err());
    // an author who counts only Authenticated Users as broad: the Everyone grant is no finding
    r = run("check", "--format", "json", "--set", "policy.broadPrincipals=AU", pkg.toString());
    assertEquals(false, r.out().contains("BroadPrincipal"), r.out() + r.err());
    // ... or for whom only WRITE_DAC is write-type: the grant is reported as read access
    r = run("check", "--format", "json", "--set", "policy.writeTypeRights=WRITE_DAC", pkg.toString());
    assertEquals(false, r.out().contains("InfGrantsWriteToBroadPrincipal"), r.out() + r.err());
    assertTrue(r.out().contains("InfGrantsReadToBroadPrincipal"), r.out() + r.err());

    // the event monitor as LocalService: a SYSTEM-and-users ACL no longer lets it in
    Path sti = Path.of("../regression/cases/STI-2/compliant/mutex-explicit-descriptor").toAbsolutePath().normalize();
    assertEquals(0, run("check", sti.toString()).code());
    write(dir.resolve("sti.yaml"), "policy:\n  stillImageEventMonitor: localService\n");
    r = run("check", "--config", dir.resolve("sti.yaml").toString(), sti.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("eventMonitor (LocalService) lacks"), r.out());
  }

  @Test
  void badPolicyParametersAreErrorsAtTheirPlace() throws Exception {
    Path cfg = write(dir.resolve("bad.yaml"), "policy:\n  writeTypeRights: [FILE_WRITE_DATA, WRITE_EVERYTHING]\n");
    Run r = check("--config", cfg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.yaml:2:") && r.err().contains("`policy.writeTypeRights` has `WRITE_EVERYTHING`"),
        r.err());
    r = check("--set", "policy.stillImageApplication=guest");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("expected one of interactiveUser, localSystem, localService, networkService"), r.err());
    r = check("--set", "policy.broadPrincipals=WD,XY");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("`policy.broadPrincipals` has `XY`, which is not a SID"), r.err());
    // an inference rule reports nothing, so it cannot be turned off or selected
    r = check("--set", "severity.TopLacksSecureOpen=off");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is an inference rule"), r.err());
    r = check("--only", "TopLacksSecureOpen");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is an inference rule"), r.err());
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    env.put("DRVGUARD_SEVERITY_OBJ_1", "fatal");
    Run r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("environment variable DRVGUARD_SEVERITY_OBJ_1: config_bad_value: `severity.OBJ-1`: "
        + "unknown severity `fatal`"), r.err());
    CheckCommandTest.assertNoStackTrace(r);

    env.clear();
    env.put("DRVGUARD_SEVERITY_NO_SUCH_RULE", "info");
    r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("environment variable DRVGUARD_SEVERITY_NO_SUCH_RULE: config_unknown_id: "
        + "`severity.NO_SUCH_RULE` names no rule and no requirement"), r.err());

    env.clear();
    env.put("DRVGUARD_POLICY_STRONGPRINCIPALS", "SY,XY");
    r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("environment variable DRVGUARD_POLICY_STRONGPRINCIPALS: config_bad_value: "
        + "`policy.strongPrincipals` has `XY`, which is not a SID"), r.err());

    env.clear();
    env.put("DRVGUARD_POLICY_PNPDEFAULTSDDL", "D:P(A;;GA;;;SY");
    r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("environment variable DRVGUARD_POLICY_PNPDEFAULTSDDL: config_bad_value"), r.err());

    env.clear();
    env.put("DRVGUARD_POLICY_STRONG", "SY");
    r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("environment variable DRVGUARD_POLICY_STRONG: config_unknown_key"), r.err());
    assertTrue(r.err().contains("DRVGUARD_POLICY_STRONGPRINCIPALS"), r.err());
  }

  // issue 10 point 9: an empty default parsed as a descriptor without a DACL, so every device on
  // the PnP default was open to everyone; it is a configuration error in every layer
  @Test
  void anEmptyOrDaclLessPnpDefaultIsAConfigurationError() throws Exception {
    Path cfg = write(dir.resolve("cfg.yaml"), "policy:\n  pnpDefaultSddl: ''\n");
    Run r = check("--config", cfg.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains(cfg + ":2:3: config_bad_value: `policy.pnpDefaultSddl` is empty"), r.err());
    CheckCommandTest.assertNoStackTrace(r);

    write(wd.resolve("drvguard.yaml"), "policy:\n  pnpDefaultSddl: '   '\n");
    r = check();
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains(wd.resolve("drvguard.yaml") + ":2:3: config_bad_value: `policy.pnpDefaultSddl` is empty"),
        r.err());
    Files.delete(wd.resolve("drvguard.yaml"));

    Path noValue = write(dir.resolve("novalue.yaml"), "policy:\n  pnpDefaultSddl:\n");
    r = check("--config", noValue.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains(noValue + ":2:3: config_bad_value: `policy.pnpDefaultSddl` is empty"), r.err());

    r = check("--set", "policy.pnpDefaultSddl=");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("--set policy.pnpDefaultSddl=: config_bad_value: `policy.pnpDefaultSddl` is empty"),
        r.err());

    r = check("--set", "policy.pnpDefaultSddl=O:BA");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("config_bad_value: `policy.pnpDefaultSddl` is `O:BA`, which has no DACL"), r.err());

    env.put("DRVGUARD_POLICY_PNPDEFAULTSDDL", "D:NO_ACCESS_CONTROL");
    r = check();
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("environment variable DRVGUARD_POLICY_PNPDEFAULTSDDL: config_bad_value: "
        + "`policy.pnpDefaultSddl` is `D:NO_ACCESS_CONTROL`, which has no DACL"), r.err());

    // a missing key keeps the documented default; a real DACL is accepted
    env.clear();
    assertEquals(1, check().code());
    assertEquals(1, check("--set", "policy.pnpDefaultSddl=D:P(A;;GA;;;SY)").code());
  }

  @Test
  void aBadValueInALowerLayerIsAnErrorEvenWhenOverridden() throws Exception {
    Path cfg = write(dir.resolve("cfg.yaml"), "severity:\n  OBJ-1: fatal\n");
    env.put("DRVGUARD_SEVERITY_OBJ_1", "warning");
    Run r = check("--config", cfg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(cfg + ":2:3: config_bad_value"), r.err());
  }

  @Test
  void badSetOptions() {
    Run r = check("--set", "severity.OBJ-1=fatal");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--set severity.OBJ-1=fatal: config_bad_value"), r.err());
    r = check("--set", "policy.strongPrincipal=SY");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--set policy.strongPrincipal=SY: config_unknown_key"), r.err());
    r = check("--set", "severity.NoSuchRule=info");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--set severity.NoSuchRule=info: config_unknown_id"), r.err());
    r = check("--set", "OBJ-1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--set OBJ-1: config_bad_value: expected KEY=VALUE"), r.err());
  }

  // ---- the working directory

  @Test
  void aManifestInTheWorkingDirectoryIsNotSettings() throws Exception {
    write(wd.resolve("drvguard.yaml"), CheckCommandTest.RAW_PDO_INSECURE);
    Run r = check();
    assertEquals("error", obj1Severity(r), r.err());
    // settings beside it, in another format, apply
    write(wd.resolve("drvguard.properties"), "# settings\nseverity.OBJ-1 = warning\n");
    r = check();
    assertEquals("warning", obj1Severity(r), r.err());
    // and `check .` in that directory still checks the manifest
    r = run("check", wd.toString());
    assertEquals("warning", obj1Severity(r), r.err());
  }

  @Test
  void dottedSettingsFileNeverClashesWithAManifest() throws Exception {
    write(wd.resolve("drvguard.yaml"), CheckCommandTest.RAW_PDO_INSECURE);
    write(wd.resolve(".drvguard.yaml"), "severity:\n  OBJ-1: info\n");
    assertEquals("info", obj1Severity(check()));
    assertEquals("info", obj1Severity(run("check", wd.toString())));
    // a dotted file is settings only: manifest keys in it are unknown keys
    Path f = write(wd.resolve(".drvguard.yaml"), "severity:\n  OBJ-1: info\ndriver: {name: x, role: bus}\n");
    Run r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains(f + ":3:1: config_unknown_key: unknown key `driver`"), r.err());
  }

  @Test
  void aBrokenManifestInTheWorkingDirectoryIsLeftToTheManifestReader() throws Exception {
    Path m = write(wd.resolve("drvguard.yaml"), "driver: {name: x, role: bus}\ndriver: {name: y, role: bus}\n");
    Run r = check();
    assertEquals("error", obj1Severity(r), r.err());
    r = run("check", wd.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(m + ":2:1: manifest_duplicate_key"), r.err());
    // the same for JSON, whose first line opens the object
    Files.delete(m);
    write(wd.resolve("drvguard.json"), "{\"driver\": {\"name\": \"x\",, \"role\": \"bus\"}}\n");
    assertEquals("error", obj1Severity(check()));
  }

  @Test
  void brokenSettingsInTheWorkingDirectoryAreAnError() throws Exception {
    Path f = write(wd.resolve("drvguard.yaml"), "severity:\n  OBJ-1: [warning\n");
    Run r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains(f + ":"), r.err());
    assertTrue(r.err().contains("yaml_syntax_error"), r.err());
  }

  @Test
  void twoSettingsFilesInTheWorkingDirectoryAreAmbiguous() throws Exception {
    write(wd.resolve("drvguard.yaml"), "severity:\n  OBJ-1: warning\n");
    write(wd.resolve("drvguard.properties"), "severity.OBJ-1 = info\n");
    Run r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("config_ambiguous"), r.err());
    assertTrue(r.err().contains("drvguard.yaml") && r.err().contains("drvguard.properties"), r.err());
  }

  @Test
  void unknownKeyInTheWorkingDirectorySettingsNamesFileAndLine() throws Exception {
    Path f = write(wd.resolve("drvguard.yaml"), "severity:\n  OBJ-1: warning\npolicy:\n  strongPrincipal: [SY]\n");
    Run r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains(f + ":4:3: config_unknown_key: unknown key `policy.strongPrincipal`; "
        + "did you mean `strongPrincipals`?"), r.err());
  }

  @Test
  void unknownIdInTheWorkingDirectorySettingsNamesFileAndLine() throws Exception {
    Path f = write(wd.resolve("drvguard.properties"), "severity.OBJ-1 = warning\n\nseverity.OBJ-99 = info\n");
    Run r = check();
    assertEquals(2, r.code());
    assertTrue(r.err().contains(f + ":3:1: config_unknown_id: `severity.OBJ-99` names no rule and no requirement"),
        r.err());
  }

  // ---- every format for --config

  @Test
  void configInPropertiesAndXml() throws Exception {
    Path props = write(dir.resolve("cfg.properties"), "severity.OBJ-1 = info\npolicy.strongPrincipals = SY,BA\n");
    assertEquals("info", obj1Severity(check("--config", props.toString())));
    Path xml = write(dir.resolve("cfg.xml"), """
        <drvguard>
          <severity><OBJ-1>warning</OBJ-1></severity>
          <policy>
            <strongPrincipals>SY</strongPrincipals>
            <strongPrincipals>BA</strongPrincipals>
            <target>win2003</target>
          </policy>
        </drvguard>
        """);
    assertEquals("warning", obj1Severity(check("--config", xml.toString())));
    ConfigFile c = ConfigFile.load(List.of(), xml, ConfigSources.NONE, RequirementCatalog.bundled());
    assertEquals(Set.of(Sid.parse("SY"), Sid.parse("BA")), c.settings().policy().strongPrincipals());
    assertEquals("win2003", c.target());
    Path json = write(dir.resolve("cfg.json"), "{\"severity\": {\"OBJ-1\": \"info\"}}");
    assertEquals("info", obj1Severity(check("--config", json.toString())));
  }

  @Test
  void configErrorsInPropertiesAndXmlNameFileAndLine() throws Exception {
    Path props = write(dir.resolve("cfg.properties"), "severity.OBJ-1 = info\n# typo below\nseverity.OBJ-1x = info\n");
    Run r = check("--config", props.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(props + ":3:1: config_unknown_id: `severity.OBJ-1x`"), r.err());

    Path xml = write(dir.resolve("cfg.xml"), "<drvguard>\n  <policy>\n    <strongPrincipals>SY</strongPrincipals>\n"
        + "    <strongPrincipals>NOPE</strongPrincipals>\n  </policy>\n</drvguard>\n");
    r = check("--config", xml.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(xml + ":3:5: config_bad_value: `policy.strongPrincipals` has `NOPE`"), r.err());

    Path xml2 = write(dir.resolve("cfg2.xml"), "<drvguard>\n  <severity>\n    <OBJ-1>fatal</OBJ-1>\n  </severity>\n"
        + "  <polcy/>\n</drvguard>\n");
    r = check("--config", xml2.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(xml2 + ":5:3: config_unknown_key: unknown key `polcy`; did you mean `policy`?"),
        r.err());
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
  void valuesAreNotInterpolated() throws Exception {
    Path cfg = write(dir.resolve("cfg.yaml"), "policy:\n  pnpDefaultSddl: '${sys:user.home}'\n");
    Run r = check("--config", cfg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(cfg + ":2:3: config_bad_value"), r.err());
    assertFalse(r.err().contains(System.getProperty("user.home") + ")"), r.err());
    env.put("DRVGUARD_SEVERITY_OBJ_1", "${env:NOPE}");
    r = check();
    assertTrue(r.err().contains("unknown severity `${env:NOPE}`"), r.err());
  }

  // ---- XXE through the CLI

  @Test
  void xmlExternalEntitiesAreNeverResolved() throws Exception {
    Path secret = write(dir.resolve("secret.txt"), "S3CRET-CONTENT-4711\n");
    String evil = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<drvguard><policy><pnpDefaultSddl>&e;</pnpDefaultSddl></policy></drvguard>\n";
    Path cfg = write(dir.resolve("evil.xml"), evil);
    Run r = check("--config", cfg.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(cfg + ":2:"), r.err());
    assertTrue(r.err().contains("xml_syntax_error"), r.err());
    assertFalse(r.out().contains("S3CRET") || r.err().contains("S3CRET"), r.out() + r.err());
    CheckCommandTest.assertNoStackTrace(r);

    write(wd.resolve("drvguard.xml"), evil);
    r = check("--format", "json");
    assertEquals(2, r.code());
    assertFalse(r.out().contains("S3CRET") || r.err().contains("S3CRET"), r.out() + r.err());

    Path hostile = write(dir.resolve("h.xml"), "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n"
        + "<drvguard><severity><OBJ-1>&e;</OBJ-1></severity></drvguard>\n");
    r = check("--config", hostile.toString());
    assertEquals(2, r.code());
    String hostname = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).trim() : "";
    if (!hostname.isEmpty()) {
      assertFalse(r.err().contains("`" + hostname + "`"), r.err());
    }
  }
}
