package io.drvguard.facts.policy;

import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.security.SecurityDescriptor;

/**
 * The security descriptor that actually protects a device object (M-1), with where it comes
 * from. {@code descriptor} is null when the winning SDDL does not parse (reported elsewhere as
 * INF-2 or OBJ-9); such an object is treated as unprotected by nothing, i.e. rules must not assume
 * a descriptor.
 *
 * @param packageName the package the device object belongs to
 * @param deviceObjectId the device object's manifest {@code id}
 * @param stack the device object's stack
 * @param source where the winning descriptor comes from
 * @param sddl the winning SDDL as written
 * @param descriptor the parsed descriptor; null when {@code sddl} does not parse
 * @param location where the winning SDDL is written
 */
public record EffectiveDescriptor(
    String packageName,
    String deviceObjectId,
    String stack,
    DescriptorSource source,
    String sddl,
    SecurityDescriptor descriptor,
    SourceLocation location) {

  /** True when the SDDL parsed ({@code descriptor} is not null). */
  public boolean parsed() {
    return descriptor != null;
  }

  /** Canonical SDDL of the descriptor (so equal ACLs written differently compare equal), else the text. */
  public String canonicalSddl() {
    return descriptor != null ? descriptor.toSddl() : sddl;
  }
}
