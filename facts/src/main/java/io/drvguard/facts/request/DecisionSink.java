package io.drvguard.facts.request;

/**
 * Where decision rules vote. Rules pass their own name (= {@code @id}); the engine adds the
 * requirement from the rule's metadata and combines the votes: any deny wins (the first deny
 * decides), else the first allow; no vote at all is a deny (fail closed).
 */
public interface DecisionSink {
  /** Votes to allow {@code request}, granting {@code grantedAccess}, because of {@code reason}. */
  void allow(String ruleId, Request request, int grantedAccess, String reason);

  /** Votes to deny {@code request} with {@code status}, because of {@code reason}. */
  void deny(String ruleId, Request request, NtStatus status, String reason);
}
