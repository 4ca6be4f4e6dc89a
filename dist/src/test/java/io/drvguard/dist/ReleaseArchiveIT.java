package io.drvguard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives as a user gets them: unpacked into a temporary folder, run from another
 * one. Runs after {@code package} (failsafe), on the archives that phase made.
 */
class ReleaseArchiveIT {
  static final Path TARGET = Path.of(System.getProperty("drvguard.release.dir", "target"));
  static final String NAME = System.getProperty("drvguard.release.name", "drvguard");
  static final Path REPO = Path.of(System.getProperty("drvguard.repo", "..")).toAbsolutePath().normalize();

  @TempDir static Path work;
  static Path home;

  @BeforeAll
  static void unpackTheTarball() throws Exception {
    Path into = Files.createDirectories(work.resolve("unpacked"));
    Run tar = Run.of(into, List.of("tar", "xzf", TARGET.resolve(NAME + ".tar.gz").toString()));
    assertEquals(0, tar.status, tar.output);
    home = into.resolve(NAME);
  }

  @Test
  void holdsTheLaunchersLibrariesNoticesDocsExamplesAndCorpus() {
    for (String f : List.of("bin/drvguard", "bin/drvguard.cmd", "bin/drvguard.ps1", "lib/drvguard.jar", "LICENSE", "NOTICE",
        "THIRD-PARTY.txt", "README.md", "docs/authoring.md", "docs/rules/RelatedOpenNotFailed.md",
        "examples/toastbus-fixed/drvguard.yaml", "regression/cases", "regression/scenarios")) {
      assertTrue(Files.exists(home.resolve(f)), f + " is in the archive");
    }
    assertTrue(Files.isExecutable(home.resolve("bin/drvguard")), "bin/drvguard keeps its executable mode in the tarball");
  }

  @Test
  void theZipHoldsWhatTheTarballHolds() throws IOException {
    Set<String> zipped = new TreeSet<>();
    try (ZipFile zip = new ZipFile(TARGET.resolve(NAME + ".zip").toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory()) {
          zipped.add(entry.getName());
        }
      }
      ZipEntry cmd = zip.getEntry(NAME + "/bin/drvguard.cmd");
      try (InputStream in = zip.getInputStream(cmd)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\n") && !text.replace("\r\n", "").contains("\n"), "the batch file has CRLF line ends");
      }
    }
    Set<String> unpacked;
    try (Stream<Path> s = Files.walk(home.getParent())) {
      unpacked = s.filter(Files::isRegularFile).map(p -> home.getParent().relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(unpacked, zipped);
  }

  @Test
  void theLauncherJarNamesExactlyTheLibrariesBesideIt() throws IOException {
    Set<String> classPath;
    try (JarFile jar = new JarFile(home.resolve("lib/drvguard.jar").toFile())) {
      classPath = new TreeSet<>(Arrays.asList(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ")));
    }
    Set<String> libs;
    try (Stream<Path> s = Files.list(home.resolve("lib"))) {
      libs = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("drvguard.jar")).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(libs, classPath);
  }

  /** The notices name every library the archive carries and nothing else (the fleet application's are not the CLI's). */
  @Test
  void thirdPartyListsExactlyTheLibrariesInLib() throws IOException {
    assertEquals(Notices.bundled(home.resolve("lib"), "drvguard.jar"), Notices.listed(home.resolve("THIRD-PARTY.txt")));
  }

  /**
   * picocli as published is Java 5 bytecode, which no start-up cache holds; the archive carries it
   * compiled for Java 17 from its sources instead, says so in NOTICE, and lists it in THIRD-PARTY.
   */
  @Test
  void shipsPicocliCompiledForJava17InsteadOfThePublishedJar() throws IOException {
    List<String> picocli;
    try (Stream<Path> s = Files.list(home.resolve("lib"))) {
      picocli = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("picocli")).sorted().collect(Collectors.toList());
    }
    assertEquals(1, picocli.size(), "one picocli jar in lib/: " + picocli);
    String name = picocli.get(0);
    assertTrue(name.matches("picocli-[0-9.]+-java17\\.jar"), name);
    try (JarFile jar = new JarFile(home.resolve("lib").resolve(name).toFile())) {
      int classes = 0;
      for (Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements();) {
        java.util.jar.JarEntry entry = e.nextElement();
        if (entry.getName().endsWith(".class")) {
          classes++;
          try (InputStream in = jar.getInputStream(entry)) {
            byte[] header = in.readNBytes(8);
            assertEquals(61, ((header[6] & 0xff) << 8) | (header[7] & 0xff), entry.getName() + " is Java 17 bytecode");
          }
        }
      }
      assertTrue(classes > 150, "all of picocli: " + classes + " classes");
      assertTrue(jar.getManifest().getMainAttributes().getValue("Build-Note").contains("unmodified"), "the jar says what it is");
    }
    assertTrue(Files.readString(home.resolve("NOTICE")).contains("lib/" + name), "NOTICE names lib/" + name);
    assertTrue(Files.readString(home.resolve("THIRD-PARTY.txt")).contains("info.picocli:picocli:"), "THIRD-PARTY lists picocli");
  }

  @Test
  void checksTheExamplesFromAnotherDirectory() throws Exception {
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    Run clean = Run.of(elsewhere, List.of(home.resolve("bin/drvguard").toString(), "check", REPO.resolve("examples/toastbus-fixed").toString()));
    assertEquals(0, clean.status, clean.output);
    assertTrue(clean.output.contains("0 findings"), clean.output);
    Run all = Run.of(elsewhere, List.of(home.resolve("bin/drvguard").toString(), "check", REPO.resolve("examples").toString()));
    assertEquals(1, all.status, all.output);
    assertTrue(all.output.contains("[OBJ-1 RawPdoWithoutIoCreateDeviceSecure]"), all.output);
    assertFalse(all.output.contains("Exception"), all.output);
  }

  @Test
  void runsThroughASymbolicLinkFromAnotherFolder() throws Exception {
    Path bin = Files.createDirectories(work.resolve("usr-local-bin"));
    Path link = Files.createSymbolicLink(bin.resolve("drvguard"), home.resolve("bin/drvguard"));
    Run run = Run.of(work, List.of(link.toString(), "--version"));
    assertEquals(0, run.status, run.output);
  }

  /** The JIT the launcher chooses (bin/drvguard says why), and the user's choice winning over it. */
  @Test
  void runsTheQuickCompilerButForSimulateUnlessTheUserSaysOtherwise() throws Exception {
    assertEquals("1", jitLevel("", "--version"));
    assertEquals("4", jitLevel("", "simulate", "--help"));
    assertEquals("4", jitLevel("-XX:TieredStopAtLevel=4", "check", "--help"));
  }

  private static String jitLevel(String javaOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/drvguard").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().put("DRVGUARD_JAVA_OPTS", javaOptions + " -XX:+PrintFlagsFinal");
    Run run = Run.of(pb);
    assertEquals(0, run.status, run.output);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bTieredStopAtLevel\\s+= (\\d)\\b").matcher(run.output);
    assertTrue(m.find(), run.output);
    return m.group(1);
  }

  @Test
  void verifiesTheCorpusItShipsWhenGivenNoFolder() throws Exception {
    Run run = Run.of(work, List.of(home.resolve("bin/drvguard").toString(), "verify"));
    assertEquals(0, run.status, run.output);
    assertTrue(run.output.contains("all held"), run.output);
  }

  @Test
  void saysSoAndExits2WhenThereIsNoJava() throws Exception {
    Run run = Run.of(NoJava.run(work, work, home.resolve("bin/drvguard"), "--version"));
    assertEquals(2, run.status, run.output);
    assertTrue(run.output.contains("no java found"), run.output);
  }

  /** A finished process: its exit status and its output (stdout and stderr together). */
  record Run(int status, String output) {
    static Run of(Path dir, List<String> command) throws Exception {
      return of(new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()));
    }

    static Run of(ProcessBuilder pb) throws Exception {
      Process p = pb.redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Run(p.waitFor(), out);
    }
  }
}
