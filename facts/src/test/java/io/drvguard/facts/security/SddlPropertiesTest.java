package io.drvguard.facts.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** format∘parse is the identity on the canonical strings of random descriptors. */
class SddlPropertiesTest {
  static final Sid DOMAIN = SddlWindowsVectorsTest.DOMAIN;
  private static final List<AceType> DACL_TYPES = List.of(
      AceType.ACCESS_ALLOWED, AceType.ACCESS_DENIED, AceType.ACCESS_ALLOWED_OBJECT, AceType.ACCESS_DENIED_OBJECT);
  private static final List<AceType> SACL_TYPES = List.of(
      AceType.SYSTEM_AUDIT, AceType.SYSTEM_ALARM, AceType.SYSTEM_AUDIT_OBJECT, AceType.SYSTEM_ALARM_OBJECT,
      AceType.MANDATORY_LABEL, AceType.SCOPED_POLICY_ID, AceType.PROCESS_TRUST_LABEL, AceType.ACCESS_ALLOWED);

  @Property(tries = 1000)
  void formatOfParseIsTheIdentityOnCanonicalStrings(@ForAll("descriptors") SecurityDescriptor sd) {
    String canonical = Sddl.format(sd, DOMAIN);
    SecurityDescriptor reread = Sddl.parse(canonical, DOMAIN);
    assertEquals(canonical, Sddl.format(reread, DOMAIN));
    assertEquals(sd, reread);
    assertFalse(canonical.chars().anyMatch(Character::isWhitespace), canonical);
  }

  @Property(tries = 300)
  void withoutADomainTheNumericFormRereads(@ForAll("descriptors") SecurityDescriptor sd) {
    String numeric = Sddl.format(sd);
    assertEquals(sd, Sddl.parse(numeric, DOMAIN));
  }

  @Provide
  Arbitrary<SecurityDescriptor> descriptors() {
    return Combinators.combine(sids().optional(), sids().optional(), acls(true).optional(), acls(false).optional())
        .as(SecurityDescriptor::new);
  }

  @Provide
  Arbitrary<Sid> sids() {
    List<String> aliases = new ArrayList<>(SidAlias.fixedAliases());
    aliases.addAll(SidAlias.domainAliases());
    aliases.sort(null);
    Arbitrary<Sid> aliased = Arbitraries.of(aliases).map(a -> Sid.parse(a, DOMAIN));
    Arbitrary<Sid> numeric = Combinators.combine(
            Arbitraries.oneOf(Arbitraries.longs().between(0, 32), Arbitraries.longs().between(0, (1L << 48) - 1)),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL).list().ofMaxSize(Sid.MAX_SUB_AUTHORITIES))
        .as((authority, subs) -> Sid.of(authority, subs.stream().mapToLong(Long::longValue).toArray()));
    Arbitrary<Sid> inDomain = Arbitraries.longs().between(490, 1200).map(DOMAIN::child);
    return Arbitraries.oneOf(aliased, numeric, inDomain);
  }

  private Arbitrary<Integer> masks() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE),
        Arbitraries.of(0, 1, 2, 3, 7, 0x1ff, 0x1F01FF, 0x120089, 0x120116, 0x1200A0, 0xF003F, 0x20019, 0x20006,
            0x10000000, 0xE0000000, 0x000F0000, 0x100000));
  }

  private Arbitrary<Ace> aces(boolean dacl) {
    Arbitrary<AceType> types = Arbitraries.of(dacl ? DACL_TYPES : SACL_TYPES);
    Arbitrary<Set<AceFlag>> flags = Arbitraries.subsetOf(AceFlag.values());
    Arbitrary<Optional<UUID>> guid = Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
        .as(UUID::new).optional();
    return Combinators.combine(types, flags, masks(), guid, guid, sids())
        .as((type, f, mask, object, inherited, sid) -> type.isObject()
            ? new Ace(type, f, mask, object, inherited, sid)
            : Ace.of(type, f, mask, sid));
  }

  private Arbitrary<Acl> acls(boolean dacl) {
    Arbitrary<Set<AclFlag>> flags =
        Arbitraries.subsetOf(AclFlag.PROTECTED, AclFlag.AUTO_INHERIT_REQUIRED, AclFlag.AUTO_INHERITED);
    Arbitrary<Acl> ordinary = Combinators.combine(flags, aces(dacl).list().ofMaxSize(6)).as(Acl::new);
    Arbitrary<Acl> nul = flags.map(f -> {
      Set<AclFlag> all = f.isEmpty() ? EnumSet.noneOf(AclFlag.class) : EnumSet.copyOf(f);
      all.add(AclFlag.NO_ACCESS_CONTROL);
      return new Acl(all, List.of());
    });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, ordinary), net.jqwik.api.Tuple.of(1, nul));
  }
}
