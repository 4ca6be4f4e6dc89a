package io.drvguard.library;

import io.drvguard.facts.model.SourceLocation;

/**
 * Something worth telling about an input that was read without failing: an undefined INF string
 * key, an AddReg naming a missing section, an expired or unused waiver. Not a finding; does not
 * change the exit status.
 */
public record Note(SourceLocation location, String code, String message) {
  /** {@code file:line: note: code: message}, as the command line prints it. */
  public String render() {
    return location + ": note: " + code + ": " + message;
  }
}
