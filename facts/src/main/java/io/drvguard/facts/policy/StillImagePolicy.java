package io.drvguard.facts.policy;

import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.AccessCheck;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.AccessResult;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two caller contexts of a user-mode still-image minidriver (STI-1) and what a kernel object
 * shared between them must grant each (STI-2).
 *
 * <p>Representative tokens: the <b>application</b> context runs as the interactive user (a
 * standard user, or an administrator's filtered UAC token): Everyone, LOCAL, Users, Interactive
 * and Authenticated Users plus a user SID no descriptor can know in advance. The <b>event
 * monitor</b> is a service running as LocalSystem: SYSTEM, Administrators, Everyone,
 * Authenticated Users.
 *
 * <p>Access each context needs to use the object the way both instances of one minidriver do:
 * <ul>
 *   <li>mutex: {@code SYNCHRONIZE} (wait for it) and {@code MUTANT_QUERY_STATE} (= {@code
 *       MUTEX_MODIFY_STATE}, 0x1);
 *   <li>event: {@code SYNCHRONIZE} (wait) and {@code EVENT_MODIFY_STATE} (SetEvent/ResetEvent);
 *   <li>semaphore: {@code SYNCHRONIZE} (wait) and {@code SEMAPHORE_MODIFY_STATE} (ReleaseSemaphore);
 *   <li>section: {@code SECTION_MAP_READ} and {@code SECTION_MAP_WRITE} ({@code FILE_MAP_READ |
 *       FILE_MAP_WRITE}: shared memory both instances read and write).
 * </ul>
 * Query-only rights beyond these (e.g. {@code EVENT_QUERY_STATE}) are not required.
 */
public final class StillImagePolicy {
  private StillImagePolicy() {}

  public static final String APPLICATION = "application";
  public static final String EVENT_MONITOR = "eventMonitor";

  /** A stand-in for the interactive user's own SID (never named by a shared object's SDDL). */
  public static final Sid INTERACTIVE_USER = Sid.parse("S-1-5-21-1-2-3-1001");

  public static Token applicationToken() {
    return Token.interactiveUser(INTERACTIVE_USER);
  }

  public static Token eventMonitorToken() {
    return Token.localSystem();
  }

  /** True when the object is declared shared between both contexts. */
  public static boolean sharedBetweenBoth(KernelObjectDef k) {
    return k.sharedBetween().contains(APPLICATION) && k.sharedBetween().contains(EVENT_MONITOR);
  }

  public static GenericMapping mapping(KernelObjectType type) {
    return switch (type) {
      case MUTEX -> GenericMapping.MUTEX;
      case EVENT -> GenericMapping.EVENT;
      case SEMAPHORE -> GenericMapping.SEMAPHORE;
      case SECTION -> GenericMapping.SECTION;
    };
  }

  /** The access each context needs on an object of {@code type} (see the class comment). */
  public static int neededAccess(KernelObjectType type) {
    return switch (type) {
      case MUTEX -> AccessMask.SYNCHRONIZE | AccessMask.MUTANT_QUERY_STATE;
      case EVENT -> AccessMask.SYNCHRONIZE | AccessMask.EVENT_MODIFY_STATE;
      case SEMAPHORE -> AccessMask.SYNCHRONIZE | AccessMask.SEMAPHORE_MODIFY_STATE;
      case SECTION -> AccessMask.SECTION_MAP_READ | AccessMask.SECTION_MAP_WRITE;
    };
  }

  /** {@code SYNCHRONIZE|MUTANT_QUERY_STATE}, named after the object type. */
  public static String neededAccessText(KernelObjectType type) {
    return AccessMask.describe(neededAccess(type), mapping(type));
  }

  /** One context that lacks rights it needs: which rights, and why the access check says so. */
  public record ContextGap(String context, String who, String missing, String reason) {
    @Override
    public String toString() {
      return context + " (" + who + ") lacks `" + missing + "` (" + reason + ")";
    }
  }

  /** The contexts that lack access; empty when both have what they need. */
  public record SharedAccess(List<ContextGap> gaps) {
    public SharedAccess {
      gaps = List.copyOf(gaps);
    }

    public boolean complete() {
      return gaps.isEmpty();
    }

    public String describe() {
      return gaps.stream().map(ContextGap::toString).collect(Collectors.joining(" and "));
    }
  }

  /** Checks both contexts' tokens against {@code sd} for the access an object of {@code type} needs. */
  public static SharedAccess check(KernelObjectType type, SecurityDescriptor sd) {
    List<ContextGap> gaps = new ArrayList<>();
    gap(APPLICATION, "interactive user", applicationToken(), type, sd).ifPresent(gaps::add);
    gap(EVENT_MONITOR, "LocalSystem", eventMonitorToken(), type, sd).ifPresent(gaps::add);
    return new SharedAccess(gaps);
  }

  private static java.util.Optional<ContextGap> gap(
      String context, String who, Token token, KernelObjectType type, SecurityDescriptor sd) {
    GenericMapping mapping = mapping(type);
    int needed = neededAccess(type);
    AccessResult max = AccessCheck.check(sd, token, AccessMask.MAXIMUM_ALLOWED, mapping);
    int missing = needed & ~(max.granted() ? max.grantedAccess() : 0);
    if (missing == 0) {
      return java.util.Optional.empty();
    }
    AccessResult exact = AccessCheck.check(sd, token, needed, mapping);
    return java.util.Optional.of(new ContextGap(context, who, AccessMask.describe(missing, mapping), exact.reason()));
  }
}
