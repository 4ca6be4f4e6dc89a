package io.drvguard.facts.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One access control entry. Object-type GUIDs are only meaningful, and only allowed, on object ACE
 * types ({@link AceType#isObject()}).
 *
 * @param type the ACE type: allow, deny, audit…
 * @param flags the inheritance and audit flags
 * @param mask the access rights it allows, denies or audits
 * @param objectType the object type GUID of an object ACE
 * @param inheritedObjectType the inherited object type GUID of an object ACE
 * @param sid the trustee
 */
public record Ace(
    AceType type,
    Set<AceFlag> flags,
    int mask,
    Optional<UUID> objectType,
    Optional<UUID> inheritedObjectType,
    Sid sid) {

  public Ace {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(inheritedObjectType, "inheritedObjectType");
    flags = flags.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(AceFlag.class))
        : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    if (!type.isObject() && (objectType.isPresent() || inheritedObjectType.isPresent())) {
      throw new IllegalArgumentException("object type guid on non-object ace type `" + type.code() + "`");
    }
  }

  /** An ACE without object types. */
  public static Ace of(AceType type, Set<AceFlag> flags, int mask, Sid sid) {
    return new Ace(type, flags, mask, Optional.empty(), Optional.empty(), sid);
  }

  /** An access-allowed ACE granting {@code mask} to {@code sid}. */
  public static Ace allow(int mask, Sid sid) {
    return of(AceType.ACCESS_ALLOWED, Set.of(), mask, sid);
  }

  /** An access-denied ACE denying {@code mask} to {@code sid}. */
  public static Ace deny(int mask, Sid sid) {
    return of(AceType.ACCESS_DENIED, Set.of(), mask, sid);
  }

  /** True when {@code flag} is among its flags. */
  public boolean has(AceFlag flag) {
    return flags.contains(flag);
  }

  /** {@code (type;flags;rights;object;inherited-object;sid)} in Windows' canonical form. */
  public String toSddl() {
    return toSddl(null);
  }

  /** As {@link #toSddl()}, printing domain-relative aliases for SIDs in {@code domain}. */
  public String toSddl(Sid domain) {
    StringBuilder sb = new StringBuilder("(");
    sb.append(type.code()).append(';');
    for (AceFlag f : flags) {
      sb.append(f.code());
    }
    sb.append(';').append(AccessMask.formatSddlRights(mask, type)).append(';');
    objectType.ifPresent(sb::append);
    sb.append(';');
    inheritedObjectType.ifPresent(sb::append);
    sb.append(';').append(sid.toSddl(domain)).append(')');
    return sb.toString();
  }
}
