package io.drvguard.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that depends on {@code drvguard-library} alone, with no SLF4J backend, runs the
 * bundled rules without the DRL compiler stack and without a word on stderr, and is told which
 * artifact to add when it asks for a rule folder. It runs in a child JVM on the library's run-time
 * classpath as Maven resolves it ({@code target/lean-classpath.txt}, written by this module's
 * pom), plus this module's test classes for the programs it runs.
 */
class LeanEmbeddingTest {
  /** Jars of the DRL compiler stack: the DRL parser (ANTLR), ecj, MVEL, JavaParser's code generation. */
  private static final Pattern COMPILER = Pattern.compile(
      "(drvguard-drl|drools-compiler|drools-ecj|ecj|drools-drl-parser|drools-drl-ast|drools-model-codegen"
      + "|drools-mvel.*|mvel2|antlr.*|javaparser.*|xstream|drools-engine)-\\d.*\\.jar");

  private record Run(int exit, String out, String err) {}

  @Test
  void theLibraryAloneHasNoDrlCompiler() throws IOException {
    List<String> cp = leanClasspath();
    String drlModule = File.separator + "drl" + File.separator + "target";
    List<String> compiler = cp.stream()
        .filter(e -> COMPILER.matcher(Path.of(e).getFileName().toString()).matches() || e.contains(drlModule))
        .toList();
    assertEquals(List.of(), compiler, "the library's run-time classpath holds the DRL compiler stack");
    assertTrue(cp.stream().anyMatch(e -> e.contains("drvguard-library") || e.contains("library" + File.separator + "target")),
        "the lean classpath holds the library: " + cp);
    assertTrue(cp.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith("drools-model-compiler-")),
        "the executable model's run time is there: " + cp);
  }

  @Test
  void theReadmeExampleRunsTheBundledRulesQuietly() throws Exception {
    Run run = run(EmbedDrvguard.class.getName(), EmbedDrvguardTest.ROOT.resolve("examples").toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("error: [OBJ-1] raw-mode PDO `pdo0`"), run.out());
    assertTrue(run.out().contains("open: allow STATUS_SUCCESS [NS-8 NamespaceOpenUnchecked]"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("s5: deny STATUS_ACCESS_DENIED [NS-1 ")), run.out());
    // no SLF4J backend: no "No SLF4J providers were found", nor anything else
    assertFalse(run.err().contains("SLF4J"), run.err());
    assertEquals("", run.err().strip(), "stderr");
  }

  @Test
  void aRuleFolderNamesTheArtifactThatCompilesIt(@TempDir Path dir) throws Exception {
    Path drl = dir.resolve("House.drl");
    Files.writeString(drl, """
        package com.acme.house
        import io.drvguard.facts.model.IoctlDefinition
        rule "AcmeEveryIoctl"
          @id("AcmeEveryIoctl") @requirement("IOCTL-3") @severity("info") @title("Acme house rule")
        when
          $i : IoctlDefinition()
        then
        end
        """);
    Run run = run(LeanRuleFolder.class.getName(), dir.toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().startsWith(drl + ": drl_compiler_missing: "), run.err());
    assertTrue(run.err().contains("`io.drvguard:drvguard-drl`"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  private static List<String> leanClasspath() throws IOException {
    Path file = Path.of("target", "lean-classpath.txt");
    assertTrue(Files.isRegularFile(file), file + " is missing: the pom's lean-classpath execution writes it");
    List<String> cp = new ArrayList<>();
    for (String e : Files.readString(file).strip().split(Pattern.quote(File.pathSeparator))) {
      if (!e.isBlank()) {
        cp.add(e);
      }
    }
    return cp;
  }

  private static Run run(String mainClass, String arg) throws Exception {
    List<String> cp = new ArrayList<>(leanClasspath());
    cp.add(Path.of("target", "test-classes").toAbsolutePath().toString());
    Path out = Files.createTempFile("lean-out", ".txt");
    Path err = Files.createTempFile("lean-err", ".txt");
    try {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Ddrvguard.cache.dir=off", "-cp", String.join(File.pathSeparator, cp), mainClass, arg)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
