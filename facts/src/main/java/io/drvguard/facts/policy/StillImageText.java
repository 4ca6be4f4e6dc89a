package io.drvguard.facts.policy;

import io.drvguard.facts.derived.ContextAccessGap;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Message text for the still-image rules (STI-2). The judgement is DRL (StillImage.drl); the
 * contexts' accounts are configuration ({@link PolicySettings#stillImageContexts()}).
 */
public final class StillImageText {
  private StillImageText() {}

  /** {@code application (interactive user) lacks `…` (…) and eventMonitor (LocalSystem) lacks `…` (…)}. */
  public static String gapsText(Collection<?> gaps) {
    return gaps.stream()
        .filter(ContextAccessGap.class::isInstance)
        .map(ContextAccessGap.class::cast)
        .sorted(Comparator.comparing(g -> g.context().id()))
        .map(ContextAccessGap::text)
        .collect(Collectors.joining(" and "));
  }

  /**
   * The contexts' accounts as advice names them: {@code the interactive user and LocalSystem}, or
   * with their SDDL aliases, {@code the interactive user (e.g. `IU`) and LocalSystem (`SY`)}.
   */
  public static String granteesText(PolicySettings policy, boolean withSids) {
    return policy.stillImageContexts().stream()
        .map(StillImageContext::account)
        .distinct()
        .map(a -> a.grantee() + (withSids ? " (" + a.sddlHint() + ")" : ""))
        .collect(Collectors.joining(" and "));
  }
}
