package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.OpenKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessCheck;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.AccessResult;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the opens the I/O manager checks in full against the access check itself:
 * random DACLs over a pool of SIDs, random tokens from the same pool, random desired access (zero
 * now and then, which SeAccessCheck denies); direct opens, and namespace and relative opens on a
 * stack whose top has FILE_DEVICE_SECURE_OPEN. The bundled rules, deciding in batches, must give the
 * verdict and granted access {@link AccessCheck} gives, by the rule of the open's kind.
 */
class DecisionDifferentialTest {
  static final int TRIPLES = 12_000;
  static final int BATCH = 500;
  static final long SEED = 0x5EED_D3C1L;

  static final List<String> POOL = List.of("WD", "AU", "BU", "BA", "SY", "IU", "AN", "RC",
      "S-1-5-21-1-2-3-1001", "S-1-5-21-1-2-3-1002", "S-1-3-4");
  /** Masks ACEs draw from: generic, standard, specific file rights, and combinations. */
  static final int[] ACE_BITS = {
      AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.GENERIC_EXECUTE, AccessMask.GENERIC_ALL,
      AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA, AccessMask.FILE_APPEND_DATA, AccessMask.FILE_TRAVERSE,
      AccessMask.FILE_READ_ATTRIBUTES, AccessMask.FILE_WRITE_ATTRIBUTES, AccessMask.READ_CONTROL, AccessMask.WRITE_DAC,
      AccessMask.WRITE_OWNER, AccessMask.DELETE, AccessMask.SYNCHRONIZE, AccessMask.FILE_ALL_ACCESS,
      AccessMask.FILE_GENERIC_READ, AccessMask.FILE_GENERIC_WRITE};
  static final int[] DESIRED_BITS = {
      AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.GENERIC_EXECUTE, AccessMask.GENERIC_ALL,
      AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA, AccessMask.FILE_APPEND_DATA, AccessMask.FILE_TRAVERSE,
      AccessMask.FILE_READ_ATTRIBUTES, AccessMask.READ_CONTROL, AccessMask.WRITE_DAC, AccessMask.WRITE_OWNER,
      AccessMask.DELETE, AccessMask.SYNCHRONIZE, AccessMask.ACCESS_SYSTEM_SECURITY};

  record Triple(SecurityDescriptor sd, Token token, int desired, OpenKind kind) {}

  static OpenKind kind(Random rnd) {
    int k = rnd.nextInt(10);
    return k < 6 ? OpenKind.DIRECT : k < 8 ? OpenKind.NAMESPACE : OpenKind.RELATIVE;
  }

  /** The rule that decides an open of {@code kind} the access check grants (or denies). */
  static String rule(OpenKind kind, boolean granted) {
    return switch (kind) {
      case DIRECT -> granted ? "DirectOpenGranted" : "DirectOpenDenied";
      case NAMESPACE -> granted ? "SecureNamespaceOpenGranted" : "SecureNamespaceOpenDenied";
      case RELATIVE -> granted ? "RelatedOpenGranted" : "RelatedOpenDenied";
    };
  }

  static String requirement(OpenKind kind) {
    return switch (kind) {
      case DIRECT -> "NS-1";
      case NAMESPACE -> "NS-11";
      case RELATIVE -> "NS-6";
    };
  }

  static String sid(Random rnd) {
    return POOL.get(rnd.nextInt(POOL.size()));
  }

  static int bits(Random rnd, int[] from, int max) {
    int mask = 0;
    int n = 1 + rnd.nextInt(max);
    for (int i = 0; i < n; i++) {
      mask |= from[rnd.nextInt(from.length)];
    }
    return mask;
  }

  static SecurityDescriptor descriptor(Random rnd) {
    int shape = rnd.nextInt(40);
    StringBuilder sddl = new StringBuilder();
    if (rnd.nextInt(4) == 0) {
      sddl.append("O:").append(sid(rnd));
    }
    if (shape == 0) {
      return Sddl.parse(sddl.append("D:NO_ACCESS_CONTROL").toString());
    }
    sddl.append(rnd.nextBoolean() ? "D:P" : "D:");
    int aces = shape == 1 ? 0 : 1 + rnd.nextInt(6);
    for (int i = 0; i < aces; i++) {
      String type = rnd.nextInt(4) == 0 ? "D" : "A";
      String flags = rnd.nextInt(12) == 0 ? "IO" : "";
      sddl.append('(').append(type).append(';').append(flags).append(";0x")
          .append(Integer.toHexString(bits(rnd, ACE_BITS, 3))).append(";;;").append(sid(rnd)).append(')');
    }
    return Sddl.parse(sddl.toString());
  }

  static Token token(Random rnd) {
    Sid user = Sid.parse(rnd.nextInt(5) == 0 ? "SY" : (rnd.nextBoolean() ? "S-1-5-21-1-2-3-1001" : "S-1-5-21-1-2-3-1002"));
    Set<Sid> groups = new HashSet<>();
    int n = rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      String s = sid(rnd);
      if (!s.equals("S-1-3-4")) {
        groups.add(Sid.parse(s));
      }
    }
    Set<String> privileges = new HashSet<>();
    if (rnd.nextInt(8) == 0) {
      privileges.add(Token.SE_SECURITY_PRIVILEGE);
    }
    if (rnd.nextInt(8) == 0) {
      privileges.add(Token.SE_TAKE_OWNERSHIP_PRIVILEGE);
    }
    return new Token(user, groups, privileges);
  }

  static int desired(Random rnd) {
    if (rnd.nextInt(25) == 0) {
      return 0;
    }
    int d = rnd.nextInt(6) == 0 ? AccessMask.MAXIMUM_ALLOWED : 0;
    if (d == 0 || rnd.nextBoolean()) {
      d |= bits(rnd, DESIRED_BITS, 3);
    }
    return d;
  }

  static OpenRequest open(int i, Triple t) {
    boolean secure = t.kind() != OpenKind.DIRECT;
    String remainder = t.kind() == OpenKind.NAMESPACE ? "\\x" : "";
    return OpenRequest.builder().id("diff#" + i).as("p" + i, t.token()).openKind(t.kind())
        .path("\\Device\\Diff" + remainder).deviceObjectId("pdo0").stack("main").remainder(remainder)
        .desiredAccess(t.desired()).deviceDescriptor(t.sd()).secureOpen(secure).build();
  }

  @Test
  void directOpensDecideExactlyAsTheAccessCheck() throws Exception {
    Engine engine = Engine.withBundledRules();
    Random rnd = new Random(SEED);
    List<Triple> triples = new ArrayList<>();
    for (int i = 0; i < TRIPLES; i++) {
      triples.add(new Triple(descriptor(rnd), token(rnd), desired(rnd), kind(rnd)));
    }
    int compared = 0;
    int granted = 0;
    List<String> differences = new ArrayList<>();
    for (int from = 0; from < triples.size(); from += BATCH) {
      List<OpenRequest> batch = new ArrayList<>();
      for (int i = from; i < Math.min(from + BATCH, triples.size()); i++) {
        batch.add(open(i, triples.get(i)));
      }
      List<Decision> decisions = engine.decideAll(batch);
      for (int k = 0; k < batch.size(); k++) {
        Triple t = triples.get(from + k);
        AccessResult expected = AccessCheck.check(t.sd(), t.token(), t.desired(), GenericMapping.FILE);
        Decision d = decisions.get(k);
        Verdict verdict = expected.granted() ? Verdict.ALLOW : Verdict.DENY;
        NtStatus status = expected.granted() ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_ACCESS_DENIED;
        String rule = rule(t.kind(), expected.granted());
        if (d.verdict() != verdict || d.grantedAccess() != expected.grantedAccess() || d.status() != status
            || !d.ruleId().equals(rule) || !requirement(t.kind()).equals(d.requirement())) {
          differences.add(Sddl.format(t.sd()) + " " + t.token() + " desired=0x" + Integer.toHexString(t.desired())
              + ": expected " + verdict + " 0x" + Integer.toHexString(expected.grantedAccess()) + ", got " + d);
        }
        compared++;
        granted += expected.granted() ? 1 : 0;
      }
    }
    System.out.printf("decision differential: %d checked opens compared (%d granted, %d denied), %d differences%n",
        compared, granted, compared - granted, differences.size());
    assertEquals(List.of(), differences.subList(0, Math.min(10, differences.size())));
    assertEquals(TRIPLES, compared);
    // the generator must exercise both outcomes in earnest
    assertTrue(granted > TRIPLES / 10 && compared - granted > TRIPLES / 10, "granted " + granted);
  }
}
