package io.drvguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long runs, only when a person is watching: stderr is a
 * terminal and the run is long enough to be worth it. Anywhere else (CI logs, pipes, tests) it
 * draws nothing.
 */
final class Progress implements AutoCloseable {
  static final int MIN_ITEMS = 20;
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress of(String task, long total) {
    boolean interactive = stderrIsTerminal() && System.getenv("DRVGUARD_NO_PROGRESS") == null;
    if (!interactive || total < MIN_ITEMS) {
      return new Progress(null);
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .continuousUpdate().build());
  }

  /**
   * Whether standard error is a terminal. The JDK cannot ask about stderr alone (its console
   * needs stdin and stdout too, and a report redirected to a file should not hide the bar), so on
   * Linux look at what fd 2 is; elsewhere fall back to the console.
   */
  static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the console check
    }
    return System.console() != null;
  }

  void step() {
    if (bar != null) {
      bar.step();
    }
  }

  boolean visible() {
    return bar != null;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
