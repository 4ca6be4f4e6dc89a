package io.drvguard.facts.request;

import io.drvguard.facts.model.SourceLocation;

/**
 * Where a request comes from: the package whose device model resolved it and the place that asked
 * for it (a scenario step's line). A decision rule that allows a hole reports the finding against
 * both, so the finding says which package has the hole and which step showed it without the caller
 * patching it afterwards.
 *
 * @param packageName the package's name, or null when unknown
 * @param location the scenario step (or other source) that made the request, or null when unknown
 */
public record Origin(String packageName, SourceLocation location) {
  /** A request built by hand, with nothing known of where it came from. */
  public static final Origin UNKNOWN = new Origin(null, null);

  /** A request from {@code packageName} at {@code location}. */
  public static Origin of(String packageName, SourceLocation location) {
    return new Origin(packageName, location);
  }
}
