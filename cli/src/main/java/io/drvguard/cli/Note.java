package io.drvguard.cli;

import io.drvguard.facts.model.SourceLocation;

/**
 * Something worth telling about an input that was read without failing: an undefined INF string
 * key, an AddReg naming a missing section, an expired or unused waiver. Not a finding; does not
 * change the exit status.
 */
record Note(SourceLocation location, String code, String message) {
  String render() {
    return location + ": note: " + code + ": " + message;
  }
}
