package io.drvguard.facts.request;

import java.util.List;

/**
 * The answer to a request: verdict and NTSTATUS as Windows would return them, the access granted
 * (for opens), the requirement and rule that decided, a one-line reason, and the ids of every
 * rule that voted (for {@code --explain}).
 */
public record Decision(
    String requestId,
    Verdict verdict,
    NtStatus status,
    int grantedAccess,
    String requirement,
    String ruleId,
    String reason,
    List<String> votes) implements Decided {
  /** A decision is its own outcome (a decider may return it alone). */
  @Override
  public Decision decision() {
    return this;
  }


  public Decision {
    votes = List.copyOf(votes);
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
