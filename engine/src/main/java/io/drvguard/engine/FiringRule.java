package io.drvguard.engine;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Which rule's consequence is running in one session, so that a finding or a vote is filed under
 * the rule that made it and not under whatever id its consequence passes: otherwise a house rule
 * could speak as a bundled rule (its requirement, its severity, its waivers). Rule names equal
 * their {@code @id} (checked when the rule base is built), so the name is the id.
 */
final class FiringRule extends DefaultAgendaEventListener {
  /** What the time budget reports when it ran out while no consequence was running. */
  static final String BETWEEN_RULES = "(rule matching, between consequences)";

  /** The rule of the consequence that started last in the process, and its thread (see {@link Engine#ruleFiringNow}). */
  private static volatile String lastRule;
  private static volatile Thread lastThread;

  // read by the time-budget watchdog from its own thread
  private volatile String firing;

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    firing = event.getMatch().getRule().getName();
    lastRule = firing;
    lastThread = Thread.currentThread();
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    firing = null;
    lastRule = null;
  }

  /** The rule whose consequence is running in this session now, or null. */
  String current() {
    return firing;
  }

  /**
   * The consequence that started last in the process, when it has not finished; null otherwise.
   * The two fields are read without a lock: this is for diagnosing an exit, not for decisions.
   */
  static Engine.Firing lastUnfinished() {
    String rule = lastRule;
    Thread thread = lastThread;
    return rule == null || thread == null ? null : new Engine.Firing(rule, thread);
  }

  /**
   * The id of the rule firing now, when {@code claimed} is that id.
   *
   * @throws IllegalStateException when {@code claimed} names another rule, or no rule is firing;
   *     thrown inside the consequence, it becomes that rule's error (check: exit 2; decision: a
   *     fail-closed deny naming the rule)
   */
  String own(String claimed) {
    if (firing == null) {
      throw new IllegalStateException("`" + claimed + "` was reported outside any rule's consequence");
    }
    if (!firing.equals(claimed)) {
      throw new IllegalStateException("rule `" + firing + "` reported as `" + claimed
          + "`: a rule reports findings and votes only under its own @id (pass drools.getRule().getName())");
    }
    return firing;
  }
}
