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
 * the manner of Cedar's authorizer, independent of the order in which the rules fired: any deny
 * wins, and the deny reported is the one of the highest {@code @stage} (the step of Windows'
 * decision its rule stands for: a name that does not resolve before an access check, the I/O
 * manager's check before the driver's); among denies of one stage, the first vote. Else the first
 * allow decides (on each path exactly one allow rule applies). No vote at all is a deny (fail closed).
 */
final class Votes implements DecisionSink {
  static final String FAIL_CLOSED = "FailClosed";

  record Vote(String ruleId, String requirement, Verdict verdict, NtStatus status, int grantedAccess, String reason,
      int stage) {
    Vote(String ruleId, String requirement, Verdict verdict, NtStatus status, int grantedAccess, String reason) {
      this(ruleId, requirement, verdict, status, grantedAccess, reason, 0);
    }
  }

  private final Map<String, RuleMetadata> rules;
  // one request's votes need no map: decide() sees a single request id, so the map is made only
  // when a second id votes (decideAll)
  private String firstId;
  private List<Vote> firstVotes;
  private Map<String, List<Vote>> byRequest;

  Votes(Map<String, RuleMetadata> rules) {
    this.rules = rules;
  }

  @Override
  public void allow(String ruleId, Request request, int grantedAccess, String reason) {
    add(request, new Vote(ruleId, requirementOf(ruleId), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, grantedAccess, reason,
        rules.get(ruleId).stage()));
  }

  @Override
  public void deny(String ruleId, Request request, NtStatus status, String reason) {
    add(request, new Vote(ruleId, requirementOf(ruleId), Verdict.DENY, status, 0, reason, rules.get(ruleId).stage()));
  }

  private String requirementOf(String ruleId) {
    RuleMetadata m = rules.get(ruleId);
    if (m == null) {
      throw new IllegalStateException("rule `" + ruleId + "` voted but has no metadata");
    }
    return m.requirement();
  }

  private void add(Request request, Vote vote) {
    String id = request.id();
    if (firstVotes == null) {
      firstId = id;
      firstVotes = new ArrayList<>(2);
      firstVotes.add(vote);
    } else if (firstId.equals(id)) {
      firstVotes.add(vote);
    } else {
      if (byRequest == null) {
        byRequest = new HashMap<>();
      }
      byRequest.computeIfAbsent(id, k -> new ArrayList<>()).add(vote);
    }
  }

  Decision decision(Request request) {
    String id = request.id();
    List<Vote> votes = firstVotes != null && firstId.equals(id) ? firstVotes
        : byRequest == null ? List.of() : byRequest.getOrDefault(id, List.of());
    return combine(request, votes);
  }

  static Decision combine(Request request, List<Vote> votes) {
    if (votes.isEmpty()) {
      return failClosed(request, "no rule decided this " + request.kind() + " request");
    }
    Vote decisive = null;
    for (int i = 0; i < votes.size(); i++) {
      Vote v = votes.get(i);
      if (v.verdict() == Verdict.DENY && (decisive == null || v.stage() > decisive.stage())) {
        decisive = v;
      }
    }
    if (decisive == null) {
      decisive = votes.get(0);
    }
    return new Decision(request.id(), decisive.verdict(), decisive.status(), decisive.grantedAccess(),
        decisive.requirement(), decisive.ruleId(), decisive.reason(), ruleIds(votes));
  }

  /** The distinct rule ids in voting order. */
  private static List<String> ruleIds(List<Vote> votes) {
    if (votes.size() == 1) {
      return List.of(votes.get(0).ruleId());
    }
    List<String> ids = new ArrayList<>(votes.size());
    for (int i = 0; i < votes.size(); i++) {
      String id = votes.get(i).ruleId();
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  static Decision failClosed(Request request, String why) {
    return new Decision(request.id(), Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, 0, request.defaultRequirement(),
        FAIL_CLOSED, why + "; denied (fail closed)", List.of());
  }
}
