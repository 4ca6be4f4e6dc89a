package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How votes combine (docs/authoring.md, "Which rule decides"): any deny wins, the deny of the highest
 * stage is reported whatever the voting order, the first vote among denies of one stage, the first
 * allow without a deny, FailClosed without a vote.
 */
class VotesTest {
  /**
   * votes: {@code rule:verdict:stage} separated by spaces, in voting order ({@code -} for none);
   * expected decisive rule and verdict.
   */
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
      "-,                                           FailClosed, deny",
      "A:allow:0,                                   A, allow",
      "A:allow:0 B:allow:0,                         A, allow",
      "A:allow:0 D:deny:50,                         D, deny",
      "D:deny:50 A:allow:0,                         D, deny",
      "Low:deny:50 High:deny:90,                    High, deny",
      "High:deny:90 Low:deny:50,                    High, deny",
      "A:allow:0 Low:deny:50 High:deny:90 B:allow:0, High, deny",
      "First:deny:70 Second:deny:70,                First, deny",
      "Second:deny:70 First:deny:70,                Second, deny",
      "NoStage:deny:0 Staged:deny:1,                Staged, deny",
  })
  void anyDenyWinsAndTheHighestStageIsReported(String votes, String rule, String verdict) {
    OpenRequest r = OpenRequest.builder().id("r1").principal("alice").path("\\Device\\X").deviceObjectId("d").stack("s")
        .desiredAccess(1).build();
    List<Votes.Vote> list = new ArrayList<>();
    if (!votes.equals("-")) {
      for (String v : votes.trim().split("\\s+")) {
        String[] p = v.split(":");
        boolean deny = p[1].equals("deny");
        list.add(new Votes.Vote(p[0], "NS-1", deny ? Verdict.DENY : Verdict.ALLOW,
            deny ? NtStatus.STATUS_ACCESS_DENIED : NtStatus.STATUS_SUCCESS, 0, "because " + p[0], Integer.parseInt(p[2])));
      }
    }
    Decision d = Votes.combine(r, list);
    assertEquals(rule, d.ruleId());
    assertEquals(verdict, d.verdict().id());
  }
}
