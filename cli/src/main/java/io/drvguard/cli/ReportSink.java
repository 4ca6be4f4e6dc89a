package io.drvguard.cli;

import io.drvguard.library.Note;
import io.drvguard.adapters.InputException;
import io.drvguard.engine.CheckResult;
import io.drvguard.facts.model.Violation;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a command's report goes while the command runs: the chosen format writing to the chosen
 * destination, and the tally the summary and the exit status are made of.
 */
final class ReportSink implements AutoCloseable {
  private final ReportStream stream;
  /** The {@code --output} file, closed with the sink; null for standard output. */
  private final Closeable destination;
  private final Tally tally = new Tally();
  /** The {@code --output} file and the file next to it being written; both null for standard output. */
  private final Path target;
  private final Path partial;
  private boolean finished;

  ReportSink(ReportStream stream, Closeable destination) {
    this(stream, destination, null, null);
  }

  /**
   * A report written to {@code partial} and moved over {@code target} once finished, so that a run
   * that fails half-way neither leaves a truncated report nor destroys the previous one.
   */
  ReportSink(ReportStream stream, Closeable destination, Path target, Path partial) {
    this.stream = stream;
    this.destination = destination;
    this.target = target;
    this.partial = partial;
  }

  /** A finding of the package being reported. */
  void finding(Violation v) {
    tally.finding(v);
    stream.finding(v);
  }

  /** The package being reported is complete. */
  void endPackage(String packageName) {
    tally.endPackage();
    stream.endPackage(packageName);
  }

  /** One package's findings, complete. */
  void findings(CheckResult result) {
    result.violations().forEach(this::finding);
    endPackage(result.packageName());
  }

  void decision(DecisionRecord d) {
    tally.decision(d);
    stream.decision(d);
  }

  /** Writes the rest of the report; the returned tally decides the exit status. */
  Tally finish(List<InputException> errors, List<Note> notes) {
    stream.finish(tally, errors, notes);
    finished = true;
    return tally;
  }

  @Override
  public void close() throws IOException {
    try {
      stream.close();
    } finally {
      if (destination != null) {
        destination.close();
      }
      // a PrintWriter keeps its write errors to itself: a full disk would otherwise publish a
      // truncated report as if it were whole
      boolean failed = destination instanceof PrintWriter w && w.checkError();
      if (partial != null) {
        try {
          if (finished && !failed) {
            publish();
          } else {
            Files.deleteIfExists(partial);
          }
        } finally {
          ReportTarget.settled(partial);
        }
      }
      if (failed) {
        throw new OutputException("writing the report to `" + target + "` failed (is the disk full?); `" + target
            + "` is left as it was");
      }
    }
  }

  private void publish() throws OutputException {
    new ReportTarget(target, partial).publish();
  }
}
