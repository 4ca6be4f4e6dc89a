package io.drvguard.facts.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two-letter SID strings of SDDL (Microsoft, "SID Strings", sddl.h). Most stand for a fixed
 * well-known SID; the rest are a RID relative to the machine, domain or forest-root domain and
 * cannot be resolved without that domain's SID. drvguard models a single domain SID for all three
 * (as Samba does), which is enough for a stand-alone machine and for round-tripping SDDL.
 */
final class SidAlias {
  private SidAlias() {}

  private static final Map<String, Sid> FIXED = new LinkedHashMap<>();
  private static final Map<Sid, String> BY_SID = new LinkedHashMap<>();
  private static final Map<String, Long> DOMAIN_RID = new LinkedHashMap<>();
  private static final Map<Long, String> BY_RID = new LinkedHashMap<>();

  private static void fixed(String alias, String sid) {
    Sid s = Sid.parseNumeric(sid);
    FIXED.put(alias, s);
    BY_SID.putIfAbsent(s, alias);
  }

  private static void domain(String alias, long rid) {
    DOMAIN_RID.put(alias, rid);
    BY_RID.putIfAbsent(rid, alias);
  }

  static {
    fixed("WD", "S-1-1-0");
    fixed("CO", "S-1-3-0");
    fixed("CG", "S-1-3-1");
    fixed("OW", "S-1-3-4");
    fixed("NU", "S-1-5-2");
    fixed("IU", "S-1-5-4");
    fixed("SU", "S-1-5-6");
    fixed("AN", "S-1-5-7");
    fixed("ED", "S-1-5-9");
    fixed("PS", "S-1-5-10");
    fixed("AU", "S-1-5-11");
    fixed("RC", "S-1-5-12");
    fixed("SY", "S-1-5-18");
    fixed("LS", "S-1-5-19");
    fixed("NS", "S-1-5-20");
    fixed("WR", "S-1-5-33");
    fixed("BA", "S-1-5-32-544");
    fixed("BU", "S-1-5-32-545");
    fixed("BG", "S-1-5-32-546");
    fixed("PU", "S-1-5-32-547");
    fixed("AO", "S-1-5-32-548");
    fixed("SO", "S-1-5-32-549");
    fixed("PO", "S-1-5-32-550");
    fixed("BO", "S-1-5-32-551");
    fixed("RE", "S-1-5-32-552");
    fixed("RU", "S-1-5-32-554");
    fixed("RD", "S-1-5-32-555");
    fixed("NO", "S-1-5-32-556");
    fixed("MU", "S-1-5-32-558");
    fixed("LU", "S-1-5-32-559");
    fixed("IS", "S-1-5-32-568");
    fixed("CY", "S-1-5-32-569");
    fixed("ER", "S-1-5-32-573");
    fixed("CD", "S-1-5-32-574");
    fixed("RA", "S-1-5-32-575");
    fixed("ES", "S-1-5-32-576");
    fixed("MS", "S-1-5-32-577");
    fixed("HA", "S-1-5-32-578");
    fixed("AA", "S-1-5-32-579");
    fixed("RM", "S-1-5-32-580");
    fixed("UD", "S-1-5-84-0-0-0-0-0");
    fixed("AC", "S-1-15-2-1");
    fixed("LW", "S-1-16-4096");
    fixed("ME", "S-1-16-8192");
    fixed("MP", "S-1-16-8448");
    fixed("HI", "S-1-16-12288");
    fixed("SI", "S-1-16-16384");
    fixed("AS", "S-1-18-1");
    fixed("SS", "S-1-18-2");

    domain("RO", 498);
    domain("LA", 500);
    domain("LG", 501);
    domain("DA", 512);
    domain("DU", 513);
    domain("DG", 514);
    domain("DC", 515);
    domain("DD", 516);
    domain("CA", 517);
    domain("SA", 518);
    domain("EA", 519);
    domain("PA", 520);
    domain("CN", 522);
    domain("AP", 525);
    domain("KA", 526);
    domain("EK", 527);
    domain("RS", 553);
  }

  /** The fixed SID for a two-letter code (case-insensitive), if it is one that needs no domain. */
  static Optional<Sid> fixed(String alias) {
    return Optional.ofNullable(FIXED.get(alias.toUpperCase(Locale.ROOT)));
  }

  /** The domain-relative RID for a two-letter code (case-insensitive), if it is domain-relative. */
  static Optional<Long> domainRid(String alias) {
    return Optional.ofNullable(DOMAIN_RID.get(alias.toUpperCase(Locale.ROOT)));
  }

  static java.util.Set<String> fixedAliases() {
    return java.util.Set.copyOf(FIXED.keySet());
  }

  static java.util.Set<String> domainAliases() {
    return java.util.Set.copyOf(DOMAIN_RID.keySet());
  }

  static Optional<String> aliasOf(Sid sid) {
    return Optional.ofNullable(BY_SID.get(sid));
  }

  static Optional<String> domainAliasOf(Sid sid, Sid domain) {
    if (domain == null || !sid.isDirectChildOf(domain)) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_RID.get(sid.rid()));
  }
}
