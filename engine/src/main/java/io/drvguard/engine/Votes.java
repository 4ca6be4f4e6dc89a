package io.drvguard.engine;

import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.DecisionSink;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the votes of decision rules per request and combines them with one pure function, in
 * the manner of Cedar's authorizer: any deny wins (the first deny decides), else the first allow,
 * and no vote at all is a deny (fail closed).
 */
final class Votes implements DecisionSink {
  static final String FAIL_CLOSED = "FailClosed";

  record Vote(String ruleId, String requirement, Verdict verdict, NtStatus status, int grantedAccess, String reason) {}

  private final Map<String, RuleMetadata> rules;
  private final Map<String, List<Vote>> byRequest = new HashMap<>();

  Votes(Map<String, RuleMetadata> rules) {
    this.rules = rules;
  }

  @Override
  public void allow(String ruleId, Request request, int grantedAccess, String reason) {
    add(request, new Vote(ruleId, requirementOf(ruleId), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, grantedAccess, reason));
  }

  @Override
  public void deny(String ruleId, Request request, NtStatus status, String reason) {
    add(request, new Vote(ruleId, requirementOf(ruleId), Verdict.DENY, status, 0, reason));
  }

  private String requirementOf(String ruleId) {
    RuleMetadata m = rules.get(ruleId);
    if (m == null) {
      throw new IllegalStateException("rule `" + ruleId + "` voted but has no metadata");
    }
    return m.requirement();
  }

  private void add(Request request, Vote vote) {
    byRequest.computeIfAbsent(request.id(), k -> new ArrayList<>()).add(vote);
  }

  Decision decision(Request request) {
    return combine(request, byRequest.getOrDefault(request.id(), List.of()));
  }

  static Decision combine(Request request, List<Vote> votes) {
    List<String> ids = votes.stream().map(Vote::ruleId).distinct().toList();
    Vote decisive = votes.stream().filter(v -> v.verdict() == Verdict.DENY).findFirst()
        .orElse(votes.isEmpty() ? null : votes.get(0));
    if (decisive == null) {
      return failClosed(request, "no rule decided this " + request.kind() + " request");
    }
    return new Decision(request.id(), decisive.verdict(), decisive.status(), decisive.grantedAccess(),
        decisive.requirement(), decisive.ruleId(), decisive.reason(), ids);
  }

  static Decision failClosed(Request request, String why) {
    return new Decision(request.id(), Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, 0, request.defaultRequirement(),
        FAIL_CLOSED, why + "; denied (fail closed)", List.of());
  }
}
