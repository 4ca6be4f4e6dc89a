package io.drvguard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.dist.ReleaseArchiveIT.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet application's archive as an operator gets it: unpacked into a temporary folder, run
 * from another one, next to the CLI archive, whose {@code simulate} its {@code replay} must match.
 */
class StreamsArchiveIT {
  static final Path TARGET = ReleaseArchiveIT.TARGET;
  static final String NAME = System.getProperty("drvguard.streams.release.name", "drvguard-streams");
  static final String LAUNCHER = "drvguard-streams.jar";

  @TempDir static Path work;
  static Path home;
  static Path cli;
  static Path elsewhere;

  @BeforeAll
  static void unpackBothTarballs() throws Exception {
    Path into = Files.createDirectories(work.resolve("unpacked"));
    for (String tarball : List.of(NAME, ReleaseArchiveIT.NAME)) {
      Run tar = Run.of(into, List.of("tar", "xzf", TARGET.resolve(tarball + ".tar.gz").toString()));
      assertEquals(0, tar.status(), tar.output());
    }
    home = into.resolve(NAME);
    cli = into.resolve(ReleaseArchiveIT.NAME);
    elsewhere = Files.createDirectories(work.resolve("elsewhere"));
  }

  @Test
  void holdsTheLaunchersLibrariesSettingsNoticesDocsAndExamples() {
    for (String f : List.of("bin/drvguard-streams", "bin/drvguard-streams.cmd", "bin/drvguard-streams.ps1", "lib/" + LAUNCHER,
        "config/fleet.properties", "LICENSE", "NOTICE", "THIRD-PARTY.txt", "README.md", "docs/semantics.md",
        "examples/toastbus-vulnerable/drvguard.yaml", "examples/scenarios/toastbus.scenario.yaml")) {
      assertTrue(Files.exists(home.resolve(f)), f + " is in the archive");
    }
    assertTrue(Files.isExecutable(home.resolve("bin/drvguard-streams")), "bin/drvguard-streams keeps its executable mode in the tarball");
    assertFalse(Files.exists(home.resolve("bin/drvguard")), "the CLI's launchers are the CLI archive's");
  }

  @Test
  void theZipHoldsWhatTheTarballHoldsWithCrlfWindowsLaunchers() throws IOException {
    Set<String> zipped = new TreeSet<>();
    try (ZipFile zip = new ZipFile(TARGET.resolve(NAME + ".zip").toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory()) {
          zipped.add(entry.getName());
        }
      }
      for (String launcher : List.of("drvguard-streams.cmd", "drvguard-streams.ps1")) {
        try (InputStream in = zip.getInputStream(zip.getEntry(NAME + "/bin/" + launcher))) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertTrue(text.contains("\r\n") && !text.replace("\r\n", "").contains("\n"), launcher + " has CRLF line ends");
        }
      }
    }
    Set<String> unpacked;
    try (Stream<Path> s = Files.walk(home)) {
      unpacked = s.filter(Files::isRegularFile).map(p -> home.getParent().relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(unpacked, zipped);
  }

  /** Each Class-Path entry resolved against lib/ as the JVM does: exactly the jars beside the launcher. */
  @Test
  void theLauncherJarNamesExactlyTheLibrariesBesideIt() throws IOException {
    Set<String> named;
    try (JarFile jar = new JarFile(home.resolve("lib").resolve(LAUNCHER).toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      named = new TreeSet<>(Arrays.asList(classPath.split(" ")));
      assertEquals(classPath.split(" ").length, named.size(), "no jar named twice: " + classPath);
    }
    Set<String> libs;
    try (Stream<Path> s = Files.list(home.resolve("lib"))) {
      libs = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LAUNCHER)).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(libs, named);
    assertTrue(libs.stream().anyMatch(n -> n.startsWith("slf4j-simple-")), "a logging backend: " + libs);
    assertTrue(libs.stream().anyMatch(n -> n.startsWith("drvguard-streams-")), "the application: " + libs);
  }

  /** The launcher jar: Launch's Java check before StreamsMain, compiled for Java 8 so that an old Java gets that far. */
  @Test
  void theLauncherJarRunsTheJavaCheckFirstAndCarriesTheLoggingSettings() throws IOException {
    try (JarFile jar = new JarFile(home.resolve("lib").resolve(LAUNCHER).toFile())) {
      assertEquals("io.drvguard.dist.StreamsLaunch", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      for (String c : List.of("io/drvguard/dist/StreamsLaunch.class", "io/drvguard/dist/Launch.class")) {
        JarEntry entry = jar.getJarEntry(c);
        assertNotNull(entry, c);
        try (InputStream in = jar.getInputStream(entry)) {
          byte[] header = in.readNBytes(8);
          assertEquals(52, ((header[6] & 0xff) << 8) | (header[7] & 0xff), c + " is Java 8 bytecode");
        }
      }
      JarEntry logging = jar.getJarEntry("simplelogger.properties");
      assertNotNull(logging, "the logging settings");
      try (InputStream in = jar.getInputStream(logging)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("org.slf4j.simpleLogger.defaultLogLevel=info"), text);
        assertTrue(text.contains("org.slf4j.simpleLogger.logFile=System.err"), text);
      }
    }
    try (JarFile cliLauncher = new JarFile(cli.resolve("lib/drvguard.jar").toFile())) {
      assertEquals(null, cliLauncher.getJarEntry("simplelogger.properties"), "the CLI keeps drvguard-cli's logging settings");
      assertEquals(null, cliLauncher.getJarEntry("io/drvguard/dist/StreamsLaunch.class"));
    }
  }

  @Test
  void thirdPartyListsExactlyTheLibrariesInLib() throws IOException {
    Set<String> listed = Notices.listed(home.resolve("THIRD-PARTY.txt"));
    assertEquals(Notices.bundled(home.resolve("lib"), LAUNCHER), listed);
    assertTrue(listed.stream().anyMatch(n -> n.startsWith("rocksdbjni-")), listed.toString());
  }

  @Test
  void printsItsVersionFromAnotherFolderAndThroughASymbolicLink() throws Exception {
    Run run = Run.of(elsewhere, List.of(home.resolve("bin/drvguard-streams").toString(), "--version"));
    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().startsWith("drvguard-streams " + NAME.substring("drvguard-streams-".length())), run.output());
    Path link = Files.createSymbolicLink(Files.createDirectories(work.resolve("usr-local-bin")).resolve("drvguard-streams"),
        home.resolve("bin/drvguard-streams"));
    Run linked = Run.of(elsewhere, List.of(link.toString(), "--version"));
    assertEquals(0, linked.status(), linked.output());
  }

  /** replay, without a broker, prints what the CLI archive's simulate prints, and logs nothing around it. */
  @Test
  void replaysAnExampleScenarioAsSimulatePrintsIt() throws Exception {
    String scenario = home.resolve("examples/scenarios/toastbus.scenario.yaml").toString();
    Output replay = Output.of(elsewhere, home.resolve("bin/drvguard-streams").toString(), "replay", scenario);
    Output simulate = Output.of(elsewhere, cli.resolve("bin/drvguard").toString(), "simulate", scenario);
    assertEquals(1, simulate.status, simulate.err);   // the example's error findings
    assertEquals(simulate.status, replay.status, replay.err);
    assertTrue(simulate.out.contains("s1 open alice"), simulate.out);
    assertEquals(simulate.out, replay.out);
    assertEquals("", replay.err, "replay's report is its output");
  }

  @Test
  void runWithoutPackagesOrWithABadSettingsFileNamesWhatIsWrongAndExits2() throws Exception {
    String launcher = home.resolve("bin/drvguard-streams").toString();
    Run none = Run.of(elsewhere, List.of(launcher, "run"));
    assertEquals(2, none.status(), none.output());
    assertTrue(none.output().contains("drvguard.packages.dir"), none.output());

    Run missing = Run.of(elsewhere, List.of(launcher, "run", "--config", "no-such-fleet.properties"));
    assertEquals(2, missing.status(), missing.output());
    assertTrue(missing.output().contains("no-such-fleet.properties: cannot read"), missing.output());

    Path bad = Files.writeString(work.resolve("bad-fleet.properties"), "bootstrap.servers=localhost:1\ndrvguard.package.dir=x\n");
    Run misspelt = Run.of(elsewhere, List.of(launcher, "run", "--config", bad.toString()));
    assertEquals(2, misspelt.status(), misspelt.output());
    assertTrue(misspelt.output().contains(bad + ":2: unknown setting `drvguard.package.dir`"), misspelt.output());
    assertFalse(misspelt.output().contains("\tat "), misspelt.output());
  }

  /**
   * The archive's own settings file, with the packages it names: the application starts and logs
   * what Kafka Streams does (no broker is reachable, so it stays REBALANCING), at INFO, on stderr.
   */
  @Test
  void runLogsTheApplicationsStateChangesWithTheExampleSettings() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/drvguard-streams").toString(), "run",
        "--config", home.resolve("config/fleet.properties").toString(),
        "--set", "bootstrap.servers=localhost:1", "--set", "state.dir=" + work.resolve("state"))
        .directory(home.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    List<String> lines = new ArrayList<>();
    boolean transition = false;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      String line;
      while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
        lines.add(line);
        if (line.contains(" INFO ") && line.contains("State transition from CREATED to REBALANCING")) {
          transition = true;
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    String log = String.join("\n", lines);
    assertTrue(log.contains("4 package(s): legacy-driver-src, scanner-stillimage, toastbus-fixed, toastbus-vulnerable"), log);
    assertTrue(transition, "Kafka Streams' state change logged at INFO:\n" + log);
    assertFalse(log.contains("No SLF4J providers"), log);
    assertFalse(log.contains("ConsumerConfig values"), "the clients' configuration dumps are left out:\n" + log);
  }

  @Test
  void saysSoAndExits2WhenThereIsNoJava() throws Exception {
    Run run = Run.of(NoJava.run(work, elsewhere, home.resolve("bin/drvguard-streams"), "--version"));
    assertEquals(2, run.status(), run.output());
    assertTrue(run.output().contains("drvguard-streams: no java found"), run.output());
  }

  /** A finished process with its standard output and standard error apart. */
  record Output(int status, String out, String err) {
    static Output of(Path dir, String... command) throws Exception {
      Path out = Files.createTempFile(work, "out", ".txt");
      Path err = Files.createTempFile(work, "err", ".txt");
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      int status = p.waitFor();
      return new Output(status, Files.readString(out), Files.readString(err));
    }
  }
}
