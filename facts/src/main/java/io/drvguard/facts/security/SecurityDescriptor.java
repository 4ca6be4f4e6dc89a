package io.drvguard.facts.security;

import java.util.Objects;
import java.util.Optional;

/**
 * A security descriptor. An absent DACL ({@code Optional.empty()}, no {@code D:} in SDDL, i.e.
 * SE_DACL_PRESENT clear) and a NULL DACL ({@link Acl#isNull()}) both leave the object unprotected;
 * a present, empty DACL denies everyone.
 *
 * @param owner the owner SID ({@code O:}), when given
 * @param group the primary group SID ({@code G:}), when given
 * @param dacl the discretionary ACL ({@code D:}): who gets which access; empty when absent
 * @param sacl the system ACL ({@code S:}): auditing and the integrity label; empty when absent
 */
public record SecurityDescriptor(Optional<Sid> owner, Optional<Sid> group, Optional<Acl> dacl, Optional<Acl> sacl) {

  public SecurityDescriptor {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(dacl, "dacl");
    Objects.requireNonNull(sacl, "sacl");
  }

  /** A descriptor with nothing in it (the empty SDDL string). */
  public static SecurityDescriptor empty() {
    return new SecurityDescriptor(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A descriptor with only a DACL. */
  public static SecurityDescriptor ofDacl(Acl dacl) {
    return new SecurityDescriptor(Optional.empty(), Optional.empty(), Optional.of(dacl), Optional.empty());
  }

  /** This descriptor with owner {@code sid}. */
  public SecurityDescriptor withOwner(Sid sid) {
    return new SecurityDescriptor(Optional.of(sid), group, dacl, sacl);
  }

  /** This descriptor with primary group {@code sid}. */
  public SecurityDescriptor withGroup(Sid sid) {
    return new SecurityDescriptor(owner, Optional.of(sid), dacl, sacl);
  }

  /** This descriptor with DACL {@code acl}. */
  public SecurityDescriptor withDacl(Acl acl) {
    return new SecurityDescriptor(owner, group, Optional.of(acl), sacl);
  }

  /** This descriptor with SACL {@code acl}. */
  public SecurityDescriptor withSacl(Acl acl) {
    return new SecurityDescriptor(owner, group, dacl, Optional.of(acl));
  }

  /** True when the DACL is absent or NULL: Windows then grants every requested access. */
  public boolean hasNullDacl() {
    return dacl.isEmpty() || dacl.get().isNull();
  }

  /**
   * The SIDs that an allow ACE of the DACL names and that apply to the object itself (inherit-only
   * ACEs do not), in the order they first appear, each once. Empty for a NULL or absent DACL.
   */
  public java.util.List<Sid> allowedSids() {
    if (hasNullDacl()) {
      return java.util.List.of();
    }
    java.util.Set<Sid> out = new java.util.LinkedHashSet<>();
    for (Ace ace : dacl.get().aces()) {
      if (ace.type().isAllow() && !ace.has(AceFlag.INHERIT_ONLY)) {
        out.add(ace.sid());
      }
    }
    return java.util.List.copyOf(out);
  }

  /** Windows' canonical SDDL, components in the order O G D S. */
  public String toSddl() {
    return Sddl.format(this);
  }

  /** As {@link #toSddl()}, with domain-relative aliases for SIDs in {@code domain}. */
  public String toSddl(Sid domain) {
    return Sddl.format(this, domain);
  }
}
