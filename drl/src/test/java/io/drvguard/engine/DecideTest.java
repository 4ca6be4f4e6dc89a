package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The decision API: vote combination, fail closed, batches, explanations. */
class DecideTest {
  static final String HEADER = """
      package drvguard.test
      import io.drvguard.facts.request.OpenRequest
      import io.drvguard.facts.request.NtStatus
      import io.drvguard.facts.request.DecisionSink
      global DecisionSink decisions
      """;

  static Engine engine(String rules) throws Exception {
    return Engine.create(List.of(new RuleSource("T.drl", HEADER + rules, false)), EngineSettings.DEFAULTS);
  }

  static OpenRequest open(String id, String path, int access) {
    Token t = Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.EVERYONE);
    return OpenRequest.builder().id(id).as("alice", t).path(path).deviceObjectId("pdo0").stack("s")
        .desiredAccess(access).deviceDescriptor(Sddl.parse("D:P(A;;GA;;;SY)")).secureOpen(true).failsRelatedOpen(true)
        .build();
  }

  static final String ALLOW_ALL = """
      rule "AllowOpens" @id("AllowOpens") @requirement("NS-1") @severity("error") @title("Allow opens")
      when $r : OpenRequest() then decisions.allow(drools.getRule().getName(), $r, $r.desiredAccess(), "allowed");
      end
      """;
  static final String DENY_WRITES = """
      rule "DenyWrites" @id("DenyWrites") @requirement("NS-1") @severity("error") @title("Deny writes")
      when $r : OpenRequest( (desiredAccess & 2) != 0 )
      then decisions.deny(drools.getRule().getName(), $r, NtStatus.STATUS_ACCESS_DENIED, "no writes");
      end
      """;

  @Test
  void allowCarriesRequirementRuleStatusAndGrantedAccess() throws Exception {
    Decision d = engine(ALLOW_ALL).decide(open("s#1", "\\Device\\X", 1));
    assertEquals(Verdict.ALLOW, d.verdict());
    assertEquals(NtStatus.STATUS_SUCCESS, d.status());
    assertEquals("NS-1", d.requirement());
    assertEquals("AllowOpens", d.ruleId());
    assertEquals(1, d.grantedAccess());
    assertEquals("s#1", d.requestId());
  }

  @Test
  void anyDenyWins() throws Exception {
    Decision d = engine(ALLOW_ALL + DENY_WRITES).decide(open("s#1", "\\Device\\X", 3));
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("DenyWrites", d.ruleId());
    assertEquals(List.of("AllowOpens", "DenyWrites"), d.votes().stream().sorted().toList());
  }

  @Test
  void noRuleDecidingIsADenyThatSaysSo() throws Exception {
    Decision d = engine(DENY_WRITES).decide(open("s#1", "\\Device\\X", 1));
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("FailClosed", d.ruleId());
    assertEquals("NS-1", d.requirement());
    assertTrue(d.reason().contains("no rule decided") && d.reason().contains("fail closed"), d.reason());
  }

  @Test
  void aRuleThatThrowsDeniesWithItsName() throws Exception {
    Engine e = engine(ALLOW_ALL + """
        rule "Throws" @id("Throws") @requirement("NS-1") @severity("error") @title("Throws")
        when $r : OpenRequest() then throw new IllegalStateException("boom");
        end
        """);
    Decision d = e.decide(open("s#1", "\\Device\\X", 1));
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("FailClosed", d.ruleId());
    assertTrue(d.reason().contains("`Throws`") && d.reason().contains("boom"), d.reason());
  }

  @Test
  void aRuleVotingUnderAnotherRulesIdIsAFailClosedDenyNamingIt() throws Exception {
    // "AllowOpens" exists and would be a valid id: the house rule may still not vote as it
    Engine e = engine(DENY_WRITES + ALLOW_ALL.replace("rule \"AllowOpens\" @id(\"AllowOpens\")",
        "rule \"HouseAllow\" @id(\"HouseAllow\")").replace("drools.getRule().getName()", "\"DenyWrites\""));
    for (Decision d : List.of(e.decide(open("s#1", "\\Device\\X", 1)),
        e.decideAll(List.of(open("s#2", "\\Device\\X", 1))).get(0))) {
      assertEquals(Verdict.DENY, d.verdict());
      assertEquals(NtStatus.STATUS_ACCESS_DENIED, d.status());
      assertEquals("FailClosed", d.ruleId());
      assertTrue(d.reason().contains("rule `HouseAllow` reported as `DenyWrites`"), d.reason());
    }
    // its twin voting under its own id decides
    Engine own = engine(DENY_WRITES + ALLOW_ALL.replace("rule \"AllowOpens\" @id(\"AllowOpens\")",
        "rule \"HouseAllow\" @id(\"HouseAllow\")"));
    Decision d = own.decide(open("s#3", "\\Device\\X", 1));
    assertEquals(Verdict.ALLOW, d.verdict());
    assertEquals("HouseAllow", d.ruleId());
  }

  @Test
  void aConstraintThatThrowsDenies() throws Exception {
    Engine e = engine("""
        rule "NullPath" @id("NullPath") @requirement("NS-1") @severity("error") @title("Null path")
        when $r : OpenRequest( path.length() > 0 )
        then decisions.allow(drools.getRule().getName(), $r, 0, "ok");
        end
        """);
    Decision d = e.decide(open("s#1", null, 1));
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("FailClosed", d.ruleId());
  }

  @Test
  void batchesDecideEachRequestOnItsOwn() throws Exception {
    Engine e = engine(ALLOW_ALL + DENY_WRITES);
    List<OpenRequest> reqs = IntStream.range(0, 50).mapToObj(i -> open("s#" + i, "\\Device\\X", i % 4)).toList();
    List<Decision> batch = e.decideAll(reqs);
    for (int i = 0; i < reqs.size(); i++) {
      assertEquals(e.decide(reqs.get(i)), batch.get(i), "request " + i);
      assertEquals((i % 4 & 2) != 0, !batch.get(i).allowed(), "request " + i);
    }
  }

  @Test
  void explainListsFiredRulesAndMatchedFacts() throws Exception {
    Evaluation ev = engine(ALLOW_ALL + DENY_WRITES).evaluate(open("s#1", "\\Device\\X", 2), true);
    assertEquals(2, ev.trace().size());
    FiredRule deny = ev.trace().stream().filter(f -> f.ruleId().equals("DenyWrites")).findFirst().orElseThrow();
    assertEquals("NS-1", deny.requirement());
    assertTrue(deny.matched().get(0).contains("s#1"), deny.matched().toString());
    assertFalse(engine(ALLOW_ALL).evaluate(open("s#1", "\\Device\\X", 2), false).trace().iterator().hasNext());
  }

  @Test
  void decideFromManyThreadsAtOnce() throws Exception {
    Engine e = engine(ALLOW_ALL + DENY_WRITES);
    List<Boolean> allowed = IntStream.range(0, 400).parallel()
        .mapToObj(i -> e.decide(open("p#" + i, "\\Device\\X", i % 4)).allowed()).toList();
    for (int i = 0; i < allowed.size(); i++) {
      assertEquals((i % 4 & 2) == 0, allowed.get(i), "request " + i);
    }
  }

  /**
   * Threads started together, each deciding many requests on its own session over the shared rule
   * base: Drools' non-thread-safe session option (ThreadSafeOption.NO) looks harmless for sessions
   * used by one thread each, but over a shared rule base it loses activations now and then.
   */
  @Test
  void threadsDecidingTogetherOverOneRuleBaseLoseNoVotes() throws Exception {
    Engine e = engine(ALLOW_ALL + DENY_WRITES);
    int threads = 8;
    int each = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Decision>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          List<Decision> out = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            out.add(e.decide(open("t" + thread + "#" + i, "\\Device\\X", i % 4)));
          }
          return out;
        }));
      }
      start.countDown();
      for (Future<List<Decision>> f : futures) {
        List<Decision> out = f.get();
        for (int i = 0; i < each; i++) {
          Decision d = out.get(i);
          assertEquals((i % 4 & 2) == 0, d.allowed(), d.toString());
          assertEquals((i % 4 & 2) == 0 ? List.of("AllowOpens") : List.of("AllowOpens", "DenyWrites"),
              d.votes().stream().sorted().toList(), d.toString());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void batchesLargerThanOneSessionAreSplitAndKeepTheirOrder() throws Exception {
    Engine e = engine(ALLOW_ALL + DENY_WRITES);
    int n = Engine.BATCH * 2 + 37;
    List<OpenRequest> reqs = IntStream.range(0, n).mapToObj(i -> open("b#" + i, "\\Device\\X", i % 4)).toList();
    List<Decision> batch = e.decideAll(reqs);
    assertEquals(n, batch.size());
    for (int i = 0; i < n; i++) {
      assertEquals("b#" + i, batch.get(i).requestId());
      assertEquals((i % 4 & 2) == 0, batch.get(i).allowed(), "request " + i);
    }
  }
}
