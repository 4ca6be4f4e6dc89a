package io.drvguard.facts.derived;

import io.drvguard.facts.policy.SddlFact;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.SidNames;
import java.util.ArrayList;
import java.util.List;

/**
 * What an INF {@code Security} value grants one broad principal (INF-4): the rights (file mapping
 * applied) an access check gives a token holding only that SID, and the write-type part of them
 * ({@code policy.broadPrincipals}, {@code policy.writeTypeRights}). Derived by the {@code
 * InfSecurityGrants*} rules of Inf.drl.
 *
 * @param sddl the INF {@code Security} value
 * @param principal the broad principal
 * @param access the rights it gets (file mapping applied)
 * @param writeAccess the write-type part of {@code access} ({@code policy.writeTypeRights})
 * @param nullDacl the value has a NULL DACL, which grants everyone everything
 */
public record BroadGrant(SddlFact sddl, Sid principal, int access, int writeAccess, boolean nullDacl) {

  /** {@code `WD` (Everyone)}. */
  public String principalText() {
    return SidNames.text(principal);
  }

  /**
   * The rights granted: {@code FILE_ALL_ACCESS}, or the {@code FILE_GENERIC_*} rights whose union
   * they are (e.g. {@code FILE_GENERIC_READ|FILE_GENERIC_WRITE}), else the single rights.
   */
  public String accessText() {
    if (access == AccessMask.FILE_ALL_ACCESS) {
      return "FILE_ALL_ACCESS";
    }
    String[] names = {"FILE_GENERIC_READ", "FILE_GENERIC_WRITE", "FILE_GENERIC_EXECUTE"};
    int[] masks = {AccessMask.FILE_GENERIC_READ, AccessMask.FILE_GENERIC_WRITE, AccessMask.FILE_GENERIC_EXECUTE};
    for (int set = 1; set < 8; set++) {
      int union = 0;
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        if ((set & (1 << i)) != 0) {
          union |= masks[i];
          parts.add(names[i]);
        }
      }
      if (union == access) {
        return String.join("|", parts);
      }
    }
    return AccessMask.describe(access);
  }

  /** The write-type rights by name. */
  public String writeAccessText() {
    return AccessMask.describe(writeAccess);
  }
}
