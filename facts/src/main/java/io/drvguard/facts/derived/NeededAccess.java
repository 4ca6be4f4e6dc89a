package io.drvguard.facts.derived;

import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.security.AccessMask;

/**
 * The rights each still-image context needs on a shared kernel object to use it the way both
 * instances of one minidriver do (STI-2). Derived by the {@code *SharedAccess} rules of
 * StillImage.drl, one per object type.
 *
 * @param object the shared kernel object
 * @param access the rights each context needs (the object type's specific rights)
 */
public record NeededAccess(KernelObjectDef object, int access) {
  /** {@code SYNCHRONIZE|MUTANT_QUERY_STATE}, named after the object's type. */
  public String text() {
    return AccessMask.describe(access, object.type().mapping());
  }
}
