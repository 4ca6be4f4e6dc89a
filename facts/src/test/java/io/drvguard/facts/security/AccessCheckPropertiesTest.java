package io.drvguard.facts.security;

import static io.drvguard.facts.security.AccessMask.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AccessCheckPropertiesTest {
  static final Sid USER = Sid.parse("S-1-5-21-1-2-3-1001");
  private static final List<Sid> POOL = List.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.BUILTIN_USERS,
      Sid.BUILTIN_ADMINISTRATORS, Sid.LOCAL_SYSTEM, Sid.INTERACTIVE, Sid.ANONYMOUS, Sid.OWNER_RIGHTS, USER);
  private static final List<Integer> RIGHTS = List.of(FILE_READ_DATA, FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_READ_EA,
      FILE_WRITE_EA, FILE_EXECUTE, FILE_DELETE_CHILD, FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES, DELETE, READ_CONTROL,
      WRITE_DAC, WRITE_OWNER, SYNCHRONIZE, GENERIC_READ, GENERIC_WRITE, GENERIC_EXECUTE, GENERIC_ALL);

  /** Without MAXIMUM_ALLOWED the check grants exactly the mapped request or nothing. */
  @Property(tries = 1000)
  void grantedAccessIsTheMappedRequestOrNothing(
      @ForAll("descriptors") SecurityDescriptor sd, @ForAll("tokens") Token token, @ForAll("requests") int desired) {
    AccessResult r = AccessCheck.check(sd, token, desired, GenericMapping.FILE);
    assertEquals(r.granted() ? GenericMapping.FILE.map(desired) : 0, r.grantedAccess(), r.reason());
  }

  /** A deny ACE put in front of the DACL never lets more through, for exact and maximum requests. */
  @Property(tries = 1000)
  void aDenyAceInFrontNeverGrantsMore(
      @ForAll("descriptors") SecurityDescriptor sd, @ForAll("tokens") Token token, @ForAll("requests") int desired,
      @ForAll boolean maximum, @ForAll("masks") int denyMask, @ForAll("sids") Sid denySid) {
    int request = maximum ? desired | MAXIMUM_ALLOWED : desired;
    AccessResult before = AccessCheck.check(sd, token, request, GenericMapping.FILE);
    Acl dacl = sd.dacl().filter(a -> !a.isNull()).orElse(Acl.of());
    List<Ace> aces = new ArrayList<>();
    aces.add(Ace.deny(denyMask, denySid));
    aces.addAll(dacl.aces());
    SecurityDescriptor denied = sd.withDacl(Acl.of(dacl.flags(), aces));
    AccessResult after = AccessCheck.check(denied, token, request, GenericMapping.FILE);
    if (after.granted() && sd.dacl().isPresent() && !sd.dacl().get().isNull()) {
      assertTrue(before.granted(), after.reason());
      assertEquals(0, after.grantedAccess() & ~before.grantedAccess(), after.reason());
    }
  }

  /** An exact request succeeds iff it lies within what MAXIMUM_ALLOWED reports. */
  @Property(tries = 1000)
  void exactRequestsAgreeWithMaximumAllowed(
      @ForAll("descriptors") SecurityDescriptor sd, @ForAll("tokens") Token token, @ForAll("requests") int desired) {
    AccessResult max = AccessCheck.check(sd, token, MAXIMUM_ALLOWED, GenericMapping.FILE);
    AccessResult exact = AccessCheck.check(sd, token, desired, GenericMapping.FILE);
    int mapped = GenericMapping.FILE.map(desired);
    assertEquals(max.granted() && (mapped & ~max.grantedAccess()) == 0, exact.granted(), exact.reason() + " / " + max.reason());
  }

  @Provide
  Arbitrary<Integer> requests() {
    return Arbitraries.of(RIGHTS).set().ofMinSize(1).ofMaxSize(4)
        .map(s -> s.stream().reduce(0, (a, b) -> a | b));
  }

  @Provide
  Arbitrary<Integer> masks() {
    return Arbitraries.of(RIGHTS).set().ofMaxSize(4).map(s -> s.stream().reduce(0, (a, b) -> a | b));
  }

  @Provide
  Arbitrary<Sid> sids() {
    return Arbitraries.of(POOL);
  }

  @Provide
  Arbitrary<Token> tokens() {
    Arbitrary<Set<Sid>> groups = Arbitraries.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.BUILTIN_USERS,
        Sid.BUILTIN_ADMINISTRATORS, Sid.INTERACTIVE, Token.LOCAL).set();
    Arbitrary<Set<String>> privileges = Arbitraries.of(Token.SE_TAKE_OWNERSHIP_PRIVILEGE).set();
    Arbitrary<Sid> users = Arbitraries.of(USER, Sid.LOCAL_SYSTEM);
    return Combinators.combine(users, groups, privileges).as(Token::new);
  }

  @Provide
  Arbitrary<SecurityDescriptor> descriptors() {
    Arbitrary<Ace> aces = Combinators.combine(
            Arbitraries.of(AceType.ACCESS_ALLOWED, AceType.ACCESS_DENIED),
            Arbitraries.of(AceFlag.INHERIT_ONLY, AceFlag.CONTAINER_INHERIT, AceFlag.OBJECT_INHERIT).set().ofMaxSize(1),
            masks(), sids())
        .as(Ace::of);
    Arbitrary<Optional<Acl>> dacls = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, aces.list().ofMaxSize(6).map(l -> Optional.of(Acl.of(Set.of(), l)))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Optional.of(Acl.nullAcl()))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Optional.<Acl>empty())));
    return Combinators.combine(sids().optional(), dacls)
        .as((owner, dacl) -> new SecurityDescriptor(owner, Optional.empty(), dacl, Optional.empty()));
  }
}
