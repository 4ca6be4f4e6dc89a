package io.drvguard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drvguard.dist.ReleaseArchiveIT.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained Linux x64 image: it runs with no Java installed, and its start-up cache is
 * the one its runtime accepts (a cache the JVM refuses costs nothing but the start-up time, so
 * only a test can see that it went stale).
 */
class LinuxImageIT {
  @TempDir static Path work;
  static Path home;

  @BeforeAll
  static void unpackTheImage() throws Exception {
    assumeFalse(Boolean.getBoolean("drvguard.image.skip"), "the build was told not to make the image");
    assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
        "the image is made on Linux x64 only");
    Path into = Files.createDirectories(work.resolve("unpacked"));
    Run tar = Run.of(into, List.of("tar", "xzf",
        ReleaseArchiveIT.TARGET.resolve(ReleaseArchiveIT.NAME + "-linux-x64.tar.gz").toString()));
    assertEquals(0, tar.status(), tar.output());
    home = into.resolve(ReleaseArchiveIT.NAME + "-linux-x64");
  }

  /** bin/drvguard with no java on PATH and no JAVA_HOME: only the image's own runtime. */
  static Run drvguard(String javaOptions, String... args) throws Exception {
    Path tools = work.resolve("tools-without-java");
    if (!Files.isDirectory(tools)) {
      Files.createDirectories(tools);
      for (String tool : List.of("ls", "sed", "dirname")) {
        Path real = Path.of("/usr/bin/" + tool);
        Files.createSymbolicLink(tools.resolve(tool), Files.isExecutable(real) ? real : Path.of("/bin/" + tool));
      }
    }
    List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", home.resolve("bin/drvguard").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", tools.toString());
    pb.environment().put("DRVGUARD_JAVA_OPTS", javaOptions);
    return Run.of(pb);
  }

  @Test
  void checksAPackageWithoutAnyJavaInstalled() throws Exception {
    Run run = drvguard("", "check", ReleaseArchiveIT.REPO.resolve("examples/toastbus-vulnerable").toString());
    assertEquals(1, run.status(), run.output());
    assertTrue(run.output().contains("[OBJ-1 RawPdoWithoutIoCreateDeviceSecure]"), run.output());
    assertFalse(Files.exists(home.resolve("bin/drvguard.cmd")), "no Windows launcher in a Linux image");
  }

  @Test
  void itsRuntimeAcceptsItsStartUpCache() throws Exception {
    String made = Files.readString(home.resolve("lib/runtime.txt"));
    boolean aot = made.startsWith("aot");
    assertTrue(Files.isRegularFile(home.resolve(aot ? "lib/drvguard.aot" : "lib/drvguard.jsa")), made);
    // logging asked for after the launcher's own -Xlog:...=off wins, so the JVM says what it did
    Run run = drvguard(aot ? "-Xlog:aot=info" : "-Xlog:cds=info", "check", ReleaseArchiveIT.REPO.resolve("examples/toastbus-fixed").toString());
    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().contains(aot ? "Opened AOT cache" : "Opened archive"), run.output());
    assertTrue(run.output().contains(aot ? "lib/drvguard.aot" : "lib/drvguard.jsa"), run.output());
    assertFalse(run.output().contains("mismatch"), run.output());
    assertFalse(run.output().contains("[error"), run.output());
  }

  /** The quick JIT compiler only but for simulate (bin/drvguard says why), unless the user's options say otherwise. */
  @Test
  void runsTheQuickCompilerButForSimulateUnlessTheUserSaysOtherwise() throws Exception {
    assertEquals("1", jitLevel("-XX:+PrintFlagsFinal", "--version"));
    assertEquals("4", jitLevel("-XX:+PrintFlagsFinal", "simulate", "--help"));
    assertEquals("4", jitLevel("-XX:TieredStopAtLevel=4 -XX:+PrintFlagsFinal", "--version"));
    assertEquals("1", jitLevel("-XX:TieredStopAtLevel=1 -XX:+PrintFlagsFinal", "simulate", "--help"));
  }

  private static String jitLevel(String javaOptions, String... args) throws Exception {
    Run run = drvguard(javaOptions, args);
    assertEquals(0, run.status(), run.output());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bTieredStopAtLevel\\s+= (\\d)\\b").matcher(run.output());
    assertTrue(m.find(), run.output());
    return m.group(1);
  }

  /** What the Java 17 build of picocli is for: the cache holds its classes, so no start reads them from the jar. */
  @Test
  void itsStartUpCacheHoldsPicocli() throws Exception {
    Run run = drvguard("-Xlog:class+load=info", "--version");
    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().contains("picocli.CommandLine source: shared objects file"), run.output());
    assertFalse(run.output().contains("picocli.CommandLine source: file:"), run.output());
  }
}
