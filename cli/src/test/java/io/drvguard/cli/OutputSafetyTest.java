package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report never destroys what the user gave and is never silently cut short (issue 12, points
 * 1 to 4): where {@code --output} and {@code --decision-log} may go, and what happens when writing
 * fails. Failures are made with real objects: {@code /dev/full} (a device every write to fails with
 * "no space left") and an output stream that throws as a closed pipe does.
 */
class OutputSafetyTest {
  @TempDir Path dir;

  private Path pkg(String name, String yaml) throws IOException {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("drvguard.yaml"), yaml);
    return d;
  }

  private static boolean noPartials(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
    }
  }

  @Test
  void aDirectoryAsOutputIsAnOutputErrorAndLeavesNothingBehind() throws Exception {
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    Path out = Files.createDirectories(dir.resolve("reports"));
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--output", out.toString(), p.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("drvguard: output_error: `" + out + "` is a directory"), r.err());
    assertFalse(r.err().contains("internal_error"), r.err());
    assertTrue(noPartials(dir) && noPartials(out));
    CheckCommandTest.assertNoStackTrace(r);
  }

  @Test
  void anInputIsNeverOverwritten() throws Exception {
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    Path manifest = p.resolve("drvguard.yaml");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--output", manifest.toString(), manifest.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("is one of the inputs"), r.err());
    assertEquals(CheckCommandTest.RAW_PDO_INSECURE, Files.readString(manifest));
  }

  @Test
  void aReportInsideAPackageBeingReadIsRefusedButBesideItIsFine() throws Exception {
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    CheckCommandTest.Run inside = CheckCommandTest.run("check", "--output", p.resolve("report.txt").toString(),
        dir.toString());
    assertEquals(2, inside.code(), inside.out() + inside.err());
    assertTrue(inside.err().contains("is inside package directory"), inside.err());
    assertFalse(Files.exists(p.resolve("report.txt")));
    // a report in a searched directory that is not a package (CI: `check . --output drvguard.sarif`)
    CheckCommandTest.Run beside = CheckCommandTest.run("check", "--output", dir.resolve("report.txt").toString(),
        dir.toString());
    assertEquals(1, beside.code(), beside.out() + beside.err());
    assertTrue(Files.readString(dir.resolve("report.txt")).contains("[OBJ-1 RawPdoWithoutIoCreateDeviceSecure]"));
    // but not under a name the search would read as an input
    CheckCommandTest.Run manifestName = CheckCommandTest.run("check", "--output", dir.resolve("x.inf").toString(),
        dir.toString());
    assertEquals(2, manifestName.code(), manifestName.out() + manifestName.err());
    assertTrue(manifestName.err().contains("would be read as an input"), manifestName.err());
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndStaysALink() throws Exception {
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    Path real = Files.writeString(Files.createDirectories(dir.resolve("store")).resolve("report.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.txt"), real);
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--output", link.toString(), p.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(real).contains("[OBJ-1 RawPdoWithoutIoCreateDeviceSecure]"));
    assertTrue(noPartials(dir) && noPartials(dir.resolve("store")));
  }

  @Test
  void aDeviceAsOutputIsRefused() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "no /dev/full on this system");
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--output", full.toString(), p.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("is not a regular file"), r.err());
  }

  /** Before: a PrintWriter over a full disk swallowed the error and the run exited 0 or 1. */
  @Test
  void aFailedWriteToStandardOutputIsExit2InEveryFormat() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "no /dev/full on this system");
    Path p = pkg("clean", CheckCommandTest.CLEAN);
    for (String format : List.of("text", "json", "sarif", "junit")) {
      FirstFailure stdout = new FirstFailure(new FileOutputStream(full.toFile()));
      PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
      StringWriter err = new StringWriter();
      int code = Main.run(out, stdout::failure, new PrintWriter(err), "check", "--format", format, p.toString());
      assertEquals(2, code, format + ": " + err);
      assertTrue(err.toString().contains("drvguard: output_error: could not write the report to standard output"),
          format + ": " + err);
    }
  }

  @Test
  void aReaderThatClosedThePipeIsNotAnError() throws Exception {
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    OutputStream closedPipe = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    FirstFailure stdout = new FirstFailure(closedPipe);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    StringWriter err = new StringWriter();
    int code = Main.run(out, stdout::failure, new PrintWriter(err), "check", p.toString());
    assertEquals(1, code, err.toString());
    assertFalse(err.toString().contains("output_error"), err.toString());
  }

  /** A report file whose writes fail half-way is not published; the earlier report stays. */
  @Test
  void aReportThatCouldNotBeWrittenWholeIsNotPublished() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "no /dev/full on this system");
    Path target = Files.writeString(dir.resolve("report.txt"), "earlier report");
    Path partial = Files.writeString(dir.resolve(".report.txt.1.partial"), "");
    PrintWriter failing = new PrintWriter(new OutputStreamWriter(new FileOutputStream(full.toFile()),
        StandardCharsets.UTF_8));
    ReportSink sink = new ReportSink(new TextReportWriter(false, true).open(failing, List.of(), false), failing,
        target, partial);
    sink.finish(List.of(), List.of());
    OutputException e = assertThrows(OutputException.class, sink::close);
    assertTrue(e.getMessage().contains("is left as it was"), e.getMessage());
    assertEquals("earlier report", Files.readString(target));
    assertFalse(Files.exists(partial));
  }

  @Test
  void aStalePartialOfAKilledRunIsRemoved() throws Exception {
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    // no process has this id (above the largest pid Linux hands out)
    Path stale = Files.writeString(out.resolve(".report.txt.4999999999.partial"), "half a report");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--output", out.resolve("report.txt").toString(),
        p.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertFalse(Files.exists(stale));
    assertTrue(noPartials(out));
  }

  @Test
  void aDecisionLogInAMissingDirectoryIsCreatedAndADirectoryIsRefused() throws Exception {
    Path scenario = Path.of("..", "regression", "scenarios", "NS-1", "legacy-device-acl.scenario.yaml");
    assumeTrue(Files.exists(scenario), "regression corpus not beside the cli module");
    Path log = dir.resolve("logs/today/decisions.jsonl");
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--decision-log", log.toString(), scenario.toString());
    assertTrue(r.code() == 0 || r.code() == 1, r.out() + r.err());
    assertTrue(Files.readString(log).contains("\"decision\""), Files.readString(log));
    CheckCommandTest.Run d = CheckCommandTest.run("simulate", "--decision-log", dir.toString(), scenario.toString());
    assertEquals(2, d.code(), d.out() + d.err());
    assertTrue(d.err().contains("output_error: `" + dir + "` is a directory"), d.err());
    CheckCommandTest.assertNoStackTrace(d);
  }

  /** SIGTERM while the report is being written: the shutdown hook removes the partial file. */
  @Test
  void aRunEndedBySigtermLeavesNoPartialFile() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("Slow.drl"), """
        package com.acme.house
        import io.drvguard.facts.model.DeviceObject
        import io.drvguard.facts.model.ViolationSink
        global ViolationSink report
        rule "AcmeSlow" @id("AcmeSlow") @requirement("OBJ-1") @severity("info") @title("Takes its time")
        when $d : DeviceObject()
        then Thread.sleep(60_000);
        end
        """);
    Path p = pkg("bad", CheckCommandTest.RAW_PDO_INSECURE);
    Path out = Files.createDirectories(dir.resolve("out"));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process proc = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
        "-Ddrvguard.cache.dir=off", Main.class.getName(), "check", "--rules", rules.toString(),
        "--set", "policy.ruleTimeBudget=300", "--output", out.resolve("report.txt").toString(), p.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("proc.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
      while (noPartials(out) && System.nanoTime() < deadline && proc.isAlive()) {
        Thread.sleep(100);
      }
      assertFalse(noPartials(out), "the run never started its report: " + Files.readString(dir.resolve("proc.log")));
      proc.destroy(); // SIGTERM
      assertTrue(proc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      proc.destroyForcibly();
    }
    assertTrue(noPartials(out), "a partial report was left behind");
    assertFalse(Files.exists(out.resolve("report.txt")));
  }
}
