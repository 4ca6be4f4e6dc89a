package io.drvguard.facts.derived;

import io.drvguard.facts.policy.EffectiveDescriptor;
import io.drvguard.facts.policy.StackLayer;

/**
 * The effective descriptor of a named device object that parses: either name opens the stack
 * (NS-3). Derived by {@code NamedObjectDescriptor} in Namespace.drl.
 */
public record NamedDescriptor(StackLayer layer, EffectiveDescriptor descriptor) {
  public String stack() {
    return layer.stack();
  }

  /** The object's place in its stack, 0 at the bottom. */
  public int index() {
    return layer.index();
  }

  public String canonicalSddl() {
    return descriptor.canonicalSddl();
  }
}
