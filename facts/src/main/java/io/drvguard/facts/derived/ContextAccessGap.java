package io.drvguard.facts.derived;

import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.policy.StillImageContext;
import io.drvguard.facts.security.AccessMask;

/**
 * A still-image context that the shared object's descriptor does not grant all the access it
 * needs (STI-2). Derived by {@code StillImageContextLacksAccess} in StillImage.drl.
 *
 * @param object the shared kernel object
 * @param context the context that lacks access, with the account it runs as
 * @param missing the needed rights the context's token does not get
 * @param reason the access check's reason for the needed rights
 */
public record ContextAccessGap(KernelObjectDef object, StillImageContext context, int missing, String reason) {
  /** {@code application (interactive user) lacks `SYNCHRONIZE` (reason)}. */
  public String text() {
    return context.text() + " lacks `" + AccessMask.describe(missing, object.type().mapping()) + "` (" + reason + ")";
  }
}
