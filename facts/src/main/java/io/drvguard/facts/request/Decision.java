package io.drvguard.facts.request;

import java.util.List;

/**
 * The answer to a request: verdict and NTSTATUS as Windows would return them, the access granted
 * (for opens), the requirement and rule that decided, a one-line reason, and the ids of every
 * rule that voted (for {@code --explain}).
 *
 * @param requestId the {@link Request#id()} decided
 * @param verdict allow or deny
 * @param status the NTSTATUS the caller gets
 * @param grantedAccess the access granted to the handle (for opens; 0 when denied)
 * @param requirement the requirement of the deciding rule
 * @param ruleId the deciding rule
 * @param reason one line saying why
 * @param votes the ids of every rule that voted, in order
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

  /** True for an allow. */
  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
