package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action (action.yml at the root) and the CI examples of docs/ci/: their structure
 * ({@link ActionLint}), and the action's bash steps run as the runner would run them, against a
 * release archive whose launcher starts this build of drvguard.
 */
class ActionFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path ACTION = ROOT.resolve("action.yml");
  private static final Path EXAMPLES = ROOT.resolve("docs/ci");
  private static final String ACTION_REF = "drvguard/drvguard@";

  @TempDir Path dir;

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static Map<Object, Object> action() throws IOException {
    return ActionLint.parse(read(ACTION));
  }

  private static List<String> names(Object section) {
    return ActionLint.map(section).keySet().stream().map(String::valueOf).toList();
  }

  @Test
  void theActionFileIsSound() throws IOException {
    assertEquals(List.of(), ActionLint.actionProblems(read(ACTION)));
    Map<Object, Object> action = action();
    assertEquals(List.of("path", "args", "fail-on", "sarif-file", "upload-sarif", "category", "archive", "java-version"),
        names(action.get("inputs")));
    assertEquals(List.of("exit-code", "sarif-file"), names(action.get("outputs")));
    Map<Object, Object> inputs = ActionLint.map(action.get("inputs"));
    assertEquals(".", ActionLint.map(inputs.get("path")).get("default"));
    assertEquals("error", ActionLint.map(inputs.get("fail-on")).get("default"));
    assertEquals("drvguard.sarif", ActionLint.map(inputs.get("sarif-file")).get("default"));
    assertEquals("true", ActionLint.map(inputs.get("upload-sarif")).get("default"));
    assertEquals("17", ActionLint.map(inputs.get("java-version")).get("default"));
  }

  @Test
  void theUploadComesBeforeTheVerdictAndRunsWhateverDrvguardFound() throws IOException {
    List<Map<Object, Object>> steps = ActionLint.list(ActionLint.map(action().get("runs")).get("steps"));
    int upload = -1;
    int verdict = -1;
    for (int i = 0; i < steps.size(); i++) {
      String uses = String.valueOf(steps.get(i).get("uses"));
      if (uses.startsWith("github/codeql-action/upload-sarif@")) {
        upload = i;
        String condition = String.valueOf(steps.get(i).get("if"));
        assertTrue(condition.contains("always()") && condition.contains("inputs.upload-sarif == 'true'"), condition);
        assertEquals("${{ inputs.category }}", ActionLint.map(steps.get(i).get("with")).get("category"));
      }
      if (String.valueOf(steps.get(i).get("run")).contains("exit 1")) {
        verdict = i;
      }
    }
    assertTrue(upload >= 0, "no upload-sarif step");
    assertTrue(verdict > upload, "the step that fails on findings must come after the upload");
  }

  /** Each mistake the lint is there for, in one broken action: each must be reported. */
  @Test
  void aBrokenActionGetsEveryProblemReported() {
    String broken = """
        name: broken
        inputs:
          path:
            description: what to check
          unused:
            description: declared and never read
          nodoc: {}
        outputs:
          exit-code:
            value: ${{ steps.chek.outputs.exit-code }}
        runs:
          using: node20
          steps:
            - uses: actions/setup-java@main
            - id: check
              run: drvguard check ${{ inputs.path }} ${{ inputs.nodoc }} --fail-on ${{ inputs.fail-on }}
            - if: steps.later.outputs.x == '1'
              shell: bash
              run: echo "$STATUS"
              env:
                STATUS: ${{ steps.check.outputs.status }}
            - id: later
              shell: bash
              run: echo "x=1" >> "$GITHUB_OUTPUT"
        """;
    List<String> problems = ActionLint.actionProblems(broken);
    for (String expected : List.of(
        "no description",
        "branding needs an icon and a color",
        "input `nodoc` has no description",
        "runs.using is `node20`, not composite",
        "step 1 uses `actions/setup-java@main`, not pinned to a version tag",
        "step 2 runs a script without `shell`",
        "step 2 puts an expression in its script; pass it through `env`",
        "step 3 reads `steps.later.outputs.x` of no earlier step",
        "step `check` never writes its output `status`",
        "`steps.chek.outputs.exit-code` names no step id",
        "`inputs.fail-on` is not declared",
        "input `unused` is declared but never used")) {
      assertTrue(problems.contains(expected), "missing: " + expected + "\nin: " + String.join("\n", problems));
    }
  }

  @Test
  void theExampleWorkflowsGiveOnlyInputsTheActionDeclares() throws IOException {
    Map<Object, Object> action = action();
    var inputs = java.util.Set.copyOf(names(action.get("inputs")));
    var outputs = java.util.Set.copyOf(names(action.get("outputs")));
    Map<String, String> runners = Map.of("github-linux.yml", "ubuntu-", "github-windows.yml", "windows-");
    for (Map.Entry<String, String> e : runners.entrySet()) {
      String text = read(EXAMPLES.resolve(e.getKey()));
      assertEquals(List.of(), ActionLint.workflowProblems(text, ACTION_REF, inputs, outputs), e.getKey());
      assertTrue(text.contains("uses: " + ACTION_REF + "v0"), e.getKey());
      assertTrue(ActionLint.map(ActionLint.parse(text).get("jobs")).values().stream()
          .allMatch(job -> String.valueOf(ActionLint.map(job).get("runs-on")).startsWith(e.getValue())), e.getKey());
    }
  }

  @Test
  void aWorkflowWithAnUnknownInputIsCaught() {
    String workflow = """
        on: push
        jobs:
          scan:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@master
              - id: d
                uses: drvguard/drvguard@v0
                with:
                  paths: drivers
              - run: echo ${{ steps.d.outputs.exitcode }}
        """;
    List<String> problems = ActionLint.workflowProblems(workflow, ACTION_REF, java.util.Set.of("path"),
        java.util.Set.of("exit-code"));
    assertEquals(List.of(
        "job scan step 1 uses `actions/checkout@master`, not pinned to a version tag",
        "job scan step 2 gives input `paths`, which the action does not declare",
        "job scan uploads SARIF without `permissions: security-events: write`",
        "job scan reads output `exitcode`, which the action does not declare"), problems);
  }

  /** The GitLab example's JUnit report is the file its drvguard run writes in that format. */
  @Test
  void theGitLabExampleReportsTheJunitFileItWrites() throws IOException {
    Map<Object, Object> ci = ActionLint.parse(read(EXAMPLES.resolve("gitlab-ci.yml")));
    Map<Object, Object> job = ActionLint.map(ci.get("drvguard"));
    assertEquals("eclipse-temurin:17", job.get("image"));
    Object junit = ActionLint.map(ActionLint.map(job.get("artifacts")).get("reports")).get("junit");
    assertEquals("drvguard-junit.xml", junit);
    assertEquals("always", ActionLint.map(job.get("artifacts")).get("when"), "a failing job must keep its report");
    Pattern run = Pattern.compile("bin/drvguard check .*--format junit --output (\\S+)");
    List<String> written = new ArrayList<>();
    for (Object line : (List<?>) job.get("script")) {
      Matcher m = run.matcher(String.valueOf(line));
      if (m.find()) {
        written.add(m.group(1));
      }
    }
    assertEquals(List.of(junit), written);
  }

  /** Every action input is explained in docs/ci.md. */
  @Test
  void theGuideDescribesEveryInputAndOutput() throws IOException {
    String guide = read(ROOT.resolve("docs/ci.md"));
    Map<Object, Object> action = action();
    for (String name : names(action.get("inputs"))) {
      assertTrue(guide.contains("| `" + name + "` |"), "docs/ci.md has no table row for input " + name);
    }
    for (String name : names(action.get("outputs"))) {
      assertTrue(guide.contains("| `" + name + "` |"), "docs/ci.md has no table row for output " + name);
    }
  }

  // --- the bash steps, run ---

  /** The action's {@code run} scripts by step id ({@code verdict} for the last one, which has none). */
  private static Map<String, Map<Object, Object>> scriptSteps() throws IOException {
    Map<String, Map<Object, Object>> out = new LinkedHashMap<>();
    for (Map<Object, Object> step : ActionLint.list(ActionLint.map(action().get("runs")).get("steps"))) {
      if (step.containsKey("run")) {
        out.put(step.get("id") instanceof String id ? id : "verdict", step);
      }
    }
    return out;
  }

  @Test
  void theScriptsAreValidBash() throws Exception {
    Map<String, Map<Object, Object>> steps = scriptSteps();
    assertEquals(List.of("install", "check", "verdict"), List.copyOf(steps.keySet()));
    for (Map.Entry<String, Map<Object, Object>> e : steps.entrySet()) {
      assertEquals("bash", e.getValue().get("shell"), e.getKey());
      Path script = dir.resolve(e.getKey() + ".sh");
      Files.writeString(script, String.valueOf(e.getValue().get("run")));
      Result r = exec(List.of("bash", "-n", script.toString()), Map.of(), ROOT);
      assertEquals(0, r.code, e.getKey() + ": " + r.out);
    }
  }

  /** A {@code bash -n} that cannot fail would prove nothing: a broken script is refused. */
  @Test
  void bashRefusesABrokenScript() throws Exception {
    Path script = dir.resolve("broken.sh");
    Files.writeString(script, "if [ -n \"$x\" ]; then\n  echo x\n");
    assertEquals(2, exec(List.of("bash", "-n", script.toString()), Map.of(), ROOT).code);
  }

  /**
   * A release archive in the layout of dist's ({@code drvguard-<version>/bin/drvguard}) whose launcher
   * runs this module's build, with the test class path.
   */
  private Path archive(boolean zip) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String launcher = "#!/bin/sh\nexec '" + java + "' -Ddrvguard.cache.dir=off -cp '" + System.getProperty("java.class.path")
        + "' " + Main.class.getName() + " \"$@\"\n";
    if (zip) {
      Path file = dir.resolve("drvguard-9.9.9.zip");
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
        z.putNextEntry(new ZipEntry("drvguard-9.9.9/bin/drvguard"));
        z.write(launcher.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      return file;
    }
    Path bin = Files.createDirectories(dir.resolve("src/drvguard-9.9.9/bin"));
    Files.writeString(bin.resolve("drvguard"), launcher);
    bin.resolve("drvguard").toFile().setExecutable(true);
    Path file = dir.resolve("drvguard-9.9.9.tar.gz");
    assertEquals(0, exec(List.of("tar", "-czf", file.toString(), "-C", dir.resolve("src").toString(), "drvguard-9.9.9"),
        Map.of(), ROOT).code);
    return file;
  }

  @Test
  void findingsAtFailOnEndTheRunWithStatus1AfterTheSarifIsWritten() throws Exception {
    Map<String, String> outputs = runAction(Map.of("archive", archive(false).toString(),
        "path", "regression/cases/INF-4/noncompliant/everyone-read-write"));
    assertEquals("1", outputs.get("steps.check.outputs.exit-code"), outputs.toString());
    assertEquals("true", outputs.get("steps.check.outputs.sarif-written"));
    JsonNode sarif = new ObjectMapper().readTree(dir.resolve("out/drvguard.sarif").toFile());
    JsonNode results = sarif.path("runs").path(0).path("results");
    assertTrue(results.size() > 0, "no SARIF results");
    assertEquals("regression/cases/INF-4/noncompliant/everyone-read-write/port.inf",
        findFile(results, "InfGrantsWriteToBroadPrincipal"));
    assertEquals(1, Integer.parseInt(outputs.get("verdict.status")));
    assertTrue(outputs.get("verdict.out").contains("::error title=drvguard::findings at or above error"),
        outputs.get("verdict.out"));
  }

  @Test
  void failOnNeverPassesAndExtraArgumentsAreSplitWithoutExpansion() throws Exception {
    Path marker = dir.resolve("expanded");
    Map<String, String> outputs = runAction(Map.of("archive", archive(true).toString(),
        "path", "regression/cases/INF-4/noncompliant/everyone-read-write",
        "fail-on", "never",
        "args", "--skip 'RelatedOpenNotFailed' --set \"policy.target=win10\" $(touch " + marker + ")"));
    // the $(...) is text: two more PATHs that do not exist, so drvguard reports them and exits 2
    assertFalse(Files.exists(marker), "an input was run as a command");
    assertEquals("2", outputs.get("steps.check.outputs.exit-code"), outputs.toString());
    assertTrue(outputs.get("check.out").contains("$(touch: file_not_found"), outputs.get("check.out"));
    assertEquals(2, Integer.parseInt(outputs.get("verdict.status")));

    Map<String, String> clean = runAction(Map.of("archive", archive(true).toString(),
        "path", "regression/cases/INF-4/noncompliant/everyone-read-write", "fail-on", "never",
        "args", "--skip RelatedOpenNotFailed"));
    assertEquals("0", clean.get("steps.check.outputs.exit-code"), clean.toString());
    assertEquals(0, Integer.parseInt(clean.get("verdict.status")));
    JsonNode sarif = new ObjectMapper().readTree(dir.resolve("out/drvguard.sarif").toFile());
    assertEquals("", findFile(sarif.path("runs").path(0).path("results"), "RelatedOpenNotFailed"), "--skip was lost");
  }

  private static String findFile(JsonNode results, String ruleId) {
    for (JsonNode r : results) {
      if (ruleId.equals(r.path("ruleId").asText())) {
        return r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
      }
    }
    return "";
  }

  /**
   * The action's script steps in order, each with the {@code env} its {@code ${{ }}} expressions give
   * (inputs, their defaults, runner and github context, earlier steps' outputs), in the repository
   * root as the workspace. Returns the step outputs as {@code steps.ID.outputs.NAME}, and each step's
   * log and status as {@code ID.out} and {@code ID.status}.
   */
  private Map<String, String> runAction(Map<String, String> given) throws Exception {
    Map<String, String> context = new HashMap<>();
    ActionLint.map(action().get("inputs")).forEach((name, spec) ->
        context.put("inputs." + name, String.valueOf(ActionLint.map(spec).getOrDefault("default", ""))));
    given.forEach((k, v) -> context.put("inputs." + k, v));
    Path temp = Files.createDirectories(dir.resolve("runner-temp"));
    Files.createDirectories(dir.resolve("out"));
    context.put("inputs.sarif-file", dir.resolve("out/drvguard.sarif").toString());
    context.put("runner.temp", temp.toString());
    context.put("github.action_path", ROOT.toString());
    for (Map.Entry<String, Map<Object, Object>> e : scriptSteps().entrySet()) {
      String id = e.getKey();
      Path output = dir.resolve(id + ".output");
      Files.deleteIfExists(output);
      Files.createFile(output);
      Map<String, String> env = new HashMap<>();
      ActionLint.map(e.getValue().get("env")).forEach((k, v) -> env.put(String.valueOf(k), evaluate(String.valueOf(v), context)));
      env.put("GITHUB_OUTPUT", output.toString());
      env.put("RUNNER_TEMP", temp.toString());
      Result r = exec(runner(String.valueOf(e.getValue().get("run"))), env, ROOT);
      context.put(id + ".out", r.out);
      context.put(id + ".status", Integer.toString(r.code));
      if (!"verdict".equals(id)) {
        assertEquals(0, r.code, id + " failed: " + r.out);
      }
      for (String line : Files.readAllLines(output)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          context.put("steps." + id + ".outputs." + line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return context;
  }

  /** bash as a runner starts it for {@code shell: bash}. */
  private static List<String> runner(String script) {
    return List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script);
  }

  @Test
  void anUnclosedQuoteInArgsStopsTheStepBeforeDrvguardRuns() throws Exception {
    Map<String, String> env = Map.of("DRVGUARD_HOME", dir.resolve("absent").toString(), "DRVGUARD_PATH", ".",
        "DRVGUARD_ARGS", "--skip \"IOCTL-3", "DRVGUARD_FAIL_ON", "error", "DRVGUARD_SARIF", "drvguard.sarif",
        "GITHUB_OUTPUT", dir.resolve("output").toString(), "RUNNER_TEMP", dir.toString());
    Result r = exec(runner(String.valueOf(scriptSteps().get("check").get("run"))), env, dir);
    assertEquals(2, r.code, r.out);
    assertTrue(r.out.contains("::error title=drvguard::the path or args input has a quote without its closing quote"), r.out);
  }

  /**
   * Without an archive the action builds one in its own checkout and takes the plain
   * {@code drvguard-<version>.tar.gz}, not another archive the build made beside it. Maven here is a
   * stand-in that makes the archives, as the real build takes minutes.
   */
  @Test
  void withoutAnArchiveTheActionBuildsOneAndUnpacksThePlainArchive() throws Exception {
    Path source = Files.createDirectories(dir.resolve("action"));
    Path target = Files.createDirectories(source.resolve("dist/target"));
    Path built = archive(false);
    Path fakeBin = Files.createDirectories(dir.resolve("fake-bin"));
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\n"
        + "echo \"mvn $*\" > '" + dir.resolve("mvn.args") + "'\n"
        + "cp '" + built + "' dist/target/drvguard-9.9.9.tar.gz\n"
        + "printf 'not an archive' > dist/target/drvguard-9.9.9-linux-x64.tar.gz\n"
        + "printf 'not an archive' > dist/target/drvguard-9.9.9.zip\n");
    fakeBin.resolve("mvn").toFile().setExecutable(true);
    Map<String, String> env = Map.of("DRVGUARD_ARCHIVE", "", "DRVGUARD_SOURCE", source.toString(),
        "DRVGUARD_UNPACK", dir.resolve("unpack").toString(), "RUNNER_TEMP", dir.toString(),
        "GITHUB_OUTPUT", dir.resolve("install.output").toString(),
        "PATH", fakeBin + java.io.File.pathSeparator + System.getenv("PATH"));
    Result r = exec(runner(String.valueOf(scriptSteps().get("install").get("run"))), env, ROOT);
    assertEquals(0, r.code, r.out);
    assertEquals("mvn -B -q -DskipTests -Ddrvguard.aot.skip=true -Ddrvguard.image.skip=true -Dmaven.javadoc.skip=true package -pl dist -am",
        Files.readString(dir.resolve("mvn.args")).strip());
    assertTrue(Files.exists(target.resolve("drvguard-9.9.9.tar.gz")));
    assertEquals(List.of("home=" + dir.resolve("unpack/drvguard-9.9.9")), Files.readAllLines(dir.resolve("install.output")));

    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\nexit 1\n");
    Result failed = exec(runner(String.valueOf(scriptSteps().get("install").get("run"))), env, ROOT);
    assertEquals(2, failed.code, failed.out);
    assertTrue(failed.out.contains("::error title=drvguard::building drvguard in " + source + " failed"), failed.out);
  }

  /** The value with each {@code ${{ name }}} replaced: only plain context names, as the env blocks use. */
  private static String evaluate(String value, Map<String, String> context) {
    Matcher m = Pattern.compile("\\$\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = context.get(m.group(1));
      if (v == null) {
        throw new AssertionError("`" + m.group(1) + "` has no value when its step runs");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private record Result(int code, String out) {}

  private static Result exec(List<String> command, Map<String, String> env, Path cwd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      // no standard input, as on a runner
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "did not end: " + command);
    return new Result(p.exitValue(), out);
  }
}
