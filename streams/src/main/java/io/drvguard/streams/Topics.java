package io.drvguard.streams;

import java.util.Objects;

/**
 * The topics the application reads and writes (DESIGN.md "Runtime event streams").
 *
 * @param events open/IOCTL/close events keyed by machine id
 * @param decisions one decision per decided event
 * @param violations one record per hole finding (a request Windows lets through that a requirement forbids)
 * @param deadLetters events that could not be read, with the reason
 */
public record Topics(String events, String decisions, String violations, String deadLetters) {
  /** The default names: {@code drvguard.events}, {@code drvguard.decisions}, {@code drvguard.violations}, {@code drvguard.events.dlq}. */
  public static final Topics DEFAULTS =
      new Topics("drvguard.events", "drvguard.decisions", "drvguard.violations", "drvguard.events.dlq");

  /** Every name is required. */
  public Topics {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(decisions, "decisions");
    Objects.requireNonNull(violations, "violations");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }
}
