package io.drvguard.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.kie.api.runtime.KieSession;

/**
 * The time budget of rule evaluation (issue 12): one daemon thread for the whole process watches
 * every session while its rules run. When a check or decision runs past its budget, the session is
 * halted: Drools stops before the next rule fires, which ends the usual DRL loop (rules that keep
 * re-activating each other), and the engine turns the overrun into a rule error (check) or a
 * fail-closed deny (decision) naming the rule that was firing. A consequence that loops in its own
 * Java code cannot be stopped from outside on Java 17 and later; when one is still running at twice
 * its budget, the handler set with {@link #onStuck} is told (the command line ends the run with exit
 * status 2); an embedding application that sets none keeps that thread.
 *
 * <p>The cost on the normal path is two volatile writes and a clock read per evaluation.
 */
final class RuleWatchdog {
  /** One session under watch. */
  static final class Watch {
    private final KieSession session;
    private final FiringRule firing;
    private final long budgetNanos;
    private volatile long started;
    private volatile String overrun;
    private volatile boolean reportedStuck;

    private Watch(KieSession session, FiringRule firing, long budgetNanos) {
      this.session = session;
      this.firing = firing;
      this.budgetNanos = budgetNanos;
    }

    /**
     * Fires the session's rules under the budget.
     *
     * @return the rule that was firing when the budget ran out and the session was halted, or null
     */
    String fire() {
      start();
      try {
        session.fireAllRules();
      } finally {
        started = 0;
      }
      return overrun;
    }

    /** Rules start running now. */
    private void start() {
      overrun = null;
      reportedStuck = false;
      started = System.nanoTime();
    }

    long budgetMillis() {
      return budgetNanos / 1_000_000;
    }
  }

  /**
   * Weak: a watch lives as long as its session's owner keeps it (a thread's reusable session, a
   * check in progress); an engine dropped without its sessions being disposed leaves nothing here.
   */
  private static final Map<Watch, Boolean> WATCHES = Collections.synchronizedMap(new WeakHashMap<>());
  private static volatile Consumer<String> stuckHandler;
  private static Thread thread;

  private RuleWatchdog() {}

  static Watch watch(KieSession session, FiringRule firing, java.time.Duration budget) {
    Watch w = new Watch(session, firing, budget.toNanos());
    WATCHES.put(w, Boolean.TRUE);
    ensureRunning();
    return w;
  }

  static void forget(Watch w) {
    if (w != null) {
      WATCHES.remove(w);
    }
  }

  /** Who is told of a rule still running at twice its budget (the rule's id). */
  static void onStuck(Consumer<String> handler) {
    stuckHandler = handler;
  }

  private static synchronized void ensureRunning() {
    if (thread != null) {
      return;
    }
    thread = new Thread(RuleWatchdog::run, "drvguard-rule-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    while (true) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      List<Watch> watches;
      synchronized (WATCHES) {
        watches = new ArrayList<>(WATCHES.keySet());
      }
      for (Watch w : watches) {
        long started = w.started;
        if (started == 0) {
          continue;
        }
        long elapsed = now - started;
        if (elapsed > w.budgetNanos && w.overrun == null) {
          String rule = w.firing.current();
          w.overrun = rule == null ? FiringRule.BETWEEN_RULES : rule;
          w.session.halt();
        }
        if (elapsed > 2 * w.budgetNanos && !w.reportedStuck && w.firing.current() != null) {
          w.reportedStuck = true;
          Consumer<String> h = stuckHandler;
          if (h != null) {
            h.accept(w.firing.current());
          }
        }
      }
    }
  }
}
