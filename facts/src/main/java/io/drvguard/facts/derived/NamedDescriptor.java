package io.drvguard.facts.derived;

import io.drvguard.facts.policy.EffectiveDescriptor;
import io.drvguard.facts.policy.StackLayer;

/**
 * The effective descriptor of a named device object that parses: either name opens the stack
 * (NS-3). Derived by {@code NamedObjectDescriptor} in Namespace.drl.
 *
 * @param layer the named object at its place in the stack
 * @param descriptor its effective descriptor (parsed)
 */
public record NamedDescriptor(StackLayer layer, EffectiveDescriptor descriptor) {
  /** The stack's name. */
  public String stack() {
    return layer.stack();
  }

  /** The object's place in its stack, 0 at the bottom. */
  public int index() {
    return layer.index();
  }

  /** The descriptor in Windows' canonical SDDL, for comparing descriptors however written. */
  public String canonicalSddl() {
    return descriptor.canonicalSddl();
  }
}
