package io.drvguard.facts.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An access control list with its SDDL flags. A NULL ACL (SDDL {@code NO_ACCESS_CONTROL}) holds
 * no ACEs and, as a DACL, grants everything; an empty ACL grants nothing.
 *
 * @param flags the SDDL ACL flags ({@code P}, {@code AI}…)
 * @param aces the entries, in order
 */
public record Acl(Set<AclFlag> flags, List<Ace> aces) {

  public Acl {
    flags = flags.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(AclFlag.class))
        : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    aces = List.copyOf(aces);
    if (flags.contains(AclFlag.NO_ACCESS_CONTROL) && !aces.isEmpty()) {
      throw new IllegalArgumentException("a `NO_ACCESS_CONTROL` acl cannot hold aces");
    }
  }

  /** An ACL with {@code flags} and {@code aces}. */
  public static Acl of(Set<AclFlag> flags, List<Ace> aces) {
    return new Acl(flags, aces);
  }

  /** An ACL of {@code aces}, without flags. */
  public static Acl of(Ace... aces) {
    return new Acl(Set.of(), List.of(aces));
  }

  /** The present-but-NULL ACL ({@code D:NO_ACCESS_CONTROL}). */
  public static Acl nullAcl() {
    return new Acl(Set.of(AclFlag.NO_ACCESS_CONTROL), List.of());
  }

  /** True for a NULL ACL, which as a DACL grants everything. */
  public boolean isNull() {
    return flags.contains(AclFlag.NO_ACCESS_CONTROL);
  }

  /** True when {@code flag} is among its flags. */
  public boolean has(AclFlag flag) {
    return flags.contains(flag);
  }

  /** The flags and ACEs after {@code D:} or {@code S:}. */
  public String toSddl() {
    return toSddl(null);
  }

  /** As {@link #toSddl()}, with domain-relative aliases for SIDs in {@code domain}. */
  public String toSddl(Sid domain) {
    StringBuilder sb = new StringBuilder();
    for (AclFlag f : flags) {
      sb.append(f.code());
    }
    for (Ace a : aces) {
      sb.append(a.toSddl(domain));
    }
    return sb.toString();
  }
}
