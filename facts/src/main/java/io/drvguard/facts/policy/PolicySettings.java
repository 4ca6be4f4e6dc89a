package io.drvguard.facts.policy;

import io.drvguard.facts.security.Ace;
import io.drvguard.facts.security.AceFlag;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Policy parameters authors tune without editing DRL, inserted into every session as one fact.
 * The strong set (OBJ-2) defaults to LocalSystem alone, i.e. {@code SDDL_DEVOBJ_SYS_ALL}. The PnP
 * default descriptor (M-1) defaults to what the PnP manager documents for a device without other
 * security: GA for LocalSystem and administrators, GR|GW|GX for everyone else. The OS target
 * ({@code policy.target}, default {@link Target#DEFAULT}) is what packages are checked against
 * where Windows versions differ (OBJ-9) and what scenarios without their own target run on.
 */
public record PolicySettings(Set<Sid> strongPrincipals, String pnpDefaultSddl, Target target) {

  public static final String PNP_DEFAULT_SDDL = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGWGX;;;WD)";
  public static final PolicySettings DEFAULTS = new PolicySettings(Set.of(Sid.LOCAL_SYSTEM), PNP_DEFAULT_SDDL);

  public PolicySettings {
    strongPrincipals = Set.copyOf(strongPrincipals);
    target = target == null ? Target.DEFAULT : target;
  }

  /** Settings for the default OS target. */
  public PolicySettings(Set<Sid> strongPrincipals, String pnpDefaultSddl) {
    this(strongPrincipals, pnpDefaultSddl, Target.DEFAULT);
  }

  public PolicySettings withStrongPrincipals(Set<Sid> principals) {
    return new PolicySettings(principals, pnpDefaultSddl, target);
  }

  public PolicySettings withPnpDefaultSddl(String sddl) {
    return new PolicySettings(strongPrincipals, sddl, target);
  }

  public PolicySettings withTarget(Target os) {
    return new PolicySettings(strongPrincipals, pnpDefaultSddl, os);
  }

  /**
   * The principals (SDDL form) that {@code sd}'s DACL grants any access to and that are outside
   * the strong set. A NULL DACL grants everyone everything.
   */
  public List<String> principalsOutsideStrongSet(SecurityDescriptor sd) {
    if (sd.hasNullDacl()) {
      return List.of("everyone (NULL DACL)");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Ace ace : sd.dacl().get().aces()) {
      // inherit-only ACEs never apply to the device object itself
      if (ace.type().isAllow() && !ace.has(AceFlag.INHERIT_ONLY) && ace.mask() != 0
          && !strongPrincipals.contains(ace.sid())) {
        out.add("`" + ace.sid().toSddl() + "`");
      }
    }
    return new ArrayList<>(out);
  }

  public boolean grantsOutsideStrongSet(SecurityDescriptor sd) {
    return !principalsOutsideStrongSet(sd).isEmpty();
  }

  public String strongPrincipalsText() {
    return strongPrincipals.stream()
        .map(Sid::toSddl)
        .sorted()
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
