package io.drvguard.adapters.scenario;

import java.util.Optional;

/**
 * The two caller contexts a still-image minidriver runs in at once (STI-1): an application,
 * running as the interactive user, and the still-image event monitor, a LocalSystem service.
 */
public enum Context {
  APPLICATION("application"),
  EVENT_MONITOR("eventMonitor");

  private final String id;

  Context(String id) {
    this.id = id;
  }

  /** The manifest and scenario spelling: {@code application} or {@code eventMonitor}. */
  public String id() {
    return id;
  }

  public static Optional<Context> of(String text) {
    for (Context c : values()) {
      if (c.id.equals(text.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
