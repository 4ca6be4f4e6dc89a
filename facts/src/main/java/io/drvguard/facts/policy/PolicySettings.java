package io.drvguard.facts.policy;

import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Ace;
import io.drvguard.facts.security.AceFlag;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.TokenPreset;
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
 * where Windows versions differ (OBJ-9) and what scenarios without their own target run on. The
 * broad principals and write-type rights (INF-4) and the tokens of the still-image contexts
 * (STI-2) are what the DRL inference rules of those requirements read.
 *
 * @param strongPrincipals who a raw PDO's or legacy device's default SDDL may admit ({@code policy.strongPrincipals})
 * @param pnpDefaultSddl the PnP manager's default descriptor (M-1, {@code policy.pnpDefaultSddl})
 * @param target the OS target ({@code policy.target})
 * @param broadPrincipals the principals INF-4 calls broad ({@code policy.broadPrincipals})
 * @param writeTypeRights the rights INF-4 counts as write access ({@code policy.writeTypeRights})
 * @param stillImageContexts the still-image contexts and their accounts (STI-2)
 */
public record PolicySettings(Set<Sid> strongPrincipals, String pnpDefaultSddl, Target target,
    List<Sid> broadPrincipals, int writeTypeRights, List<StillImageContext> stillImageContexts) {

  public static final String PNP_DEFAULT_SDDL = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGWGX;;;WD)";

  /**
   * The principals the Driver Security Checklist calls broad (INF-4): Everyone, Authenticated
   * Users, Users, Interactive, Anonymous and All Application Packages. Not {@code RC} (restricted
   * code): no user is a member of it; a restricted token carries it among its restricting SIDs,
   * whose second access check can only narrow what the user's own groups get.
   */
  public static final List<Sid> BROAD_PRINCIPALS = List.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.BUILTIN_USERS,
      Sid.INTERACTIVE, Sid.ANONYMOUS, Sid.ALL_APP_PACKAGES);

  /**
   * File/device rights that modify the device or its security, after generic mapping (INF-4):
   * {@code FILE_WRITE_DATA}, {@code FILE_APPEND_DATA}, {@code FILE_WRITE_EA}, {@code
   * FILE_DELETE_CHILD}, {@code FILE_WRITE_ATTRIBUTES}, {@code DELETE}, {@code WRITE_DAC}, {@code
   * WRITE_OWNER}.
   */
  public static final int WRITE_TYPE_RIGHTS = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
      | AccessMask.FILE_WRITE_EA | AccessMask.FILE_DELETE_CHILD | AccessMask.FILE_WRITE_ATTRIBUTES
      | AccessMask.DELETE | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER;

  /** STI-1: the application runs as the interactive user, the event monitor as LocalSystem. */
  public static final List<StillImageContext> STILL_IMAGE_CONTEXTS = List.of(
      new StillImageContext(StillImageContext.APPLICATION, TokenPreset.INTERACTIVE_USER),
      new StillImageContext(StillImageContext.EVENT_MONITOR, TokenPreset.LOCAL_SYSTEM));

  public static final PolicySettings DEFAULTS = new PolicySettings(Set.of(Sid.LOCAL_SYSTEM), PNP_DEFAULT_SDDL);

  public PolicySettings {
    strongPrincipals = Set.copyOf(strongPrincipals);
    target = target == null ? Target.DEFAULT : target;
    broadPrincipals = broadPrincipals == null ? BROAD_PRINCIPALS : List.copyOf(new LinkedHashSet<>(broadPrincipals));
    stillImageContexts = stillImageContexts == null ? STILL_IMAGE_CONTEXTS : List.copyOf(stillImageContexts);
  }

  /** Settings with the default INF-4 and STI-2 parameters. */
  public PolicySettings(Set<Sid> strongPrincipals, String pnpDefaultSddl, Target target) {
    this(strongPrincipals, pnpDefaultSddl, target, BROAD_PRINCIPALS, WRITE_TYPE_RIGHTS, STILL_IMAGE_CONTEXTS);
  }

  /** Settings for the default OS target. */
  public PolicySettings(Set<Sid> strongPrincipals, String pnpDefaultSddl) {
    this(strongPrincipals, pnpDefaultSddl, Target.DEFAULT);
  }

  /** These settings with another strong set. */
  public PolicySettings withStrongPrincipals(Set<Sid> principals) {
    return new PolicySettings(principals, pnpDefaultSddl, target, broadPrincipals, writeTypeRights, stillImageContexts);
  }

  /** These settings with another PnP default descriptor. */
  public PolicySettings withPnpDefaultSddl(String sddl) {
    return new PolicySettings(strongPrincipals, sddl, target, broadPrincipals, writeTypeRights, stillImageContexts);
  }

  /** These settings with another OS target. */
  public PolicySettings withTarget(Target os) {
    return new PolicySettings(strongPrincipals, pnpDefaultSddl, os, broadPrincipals, writeTypeRights, stillImageContexts);
  }

  /** These settings with another broad set (INF-4). */
  public PolicySettings withBroadPrincipals(List<Sid> principals) {
    return new PolicySettings(strongPrincipals, pnpDefaultSddl, target, principals, writeTypeRights, stillImageContexts);
  }

  /** These settings with other write-type rights (INF-4). */
  public PolicySettings withWriteTypeRights(int rights) {
    return new PolicySettings(strongPrincipals, pnpDefaultSddl, target, broadPrincipals, rights, stillImageContexts);
  }

  /** These settings with other still-image accounts (STI-2). */
  public PolicySettings withStillImageContexts(List<StillImageContext> contexts) {
    return new PolicySettings(strongPrincipals, pnpDefaultSddl, target, broadPrincipals, writeTypeRights, contexts);
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

  /** True when {@code sd} grants anyone outside the strong set any access. */
  public boolean grantsOutsideStrongSet(SecurityDescriptor sd) {
    return !principalsOutsideStrongSet(sd).isEmpty();
  }

  /** The strong set for messages: {@code {SY}}. */
  public String strongPrincipalsText() {
    return strongPrincipals.stream()
        .map(Sid::toSddl)
        .sorted()
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
