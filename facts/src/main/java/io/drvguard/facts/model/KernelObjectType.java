package io.drvguard.facts.model;

import io.drvguard.facts.security.GenericMapping;

/** Named kernel object types a still-image minidriver shares between its two contexts. */
public enum KernelObjectType {
  MUTEX(GenericMapping.MUTEX),
  EVENT(GenericMapping.EVENT),
  SEMAPHORE(GenericMapping.SEMAPHORE),
  SECTION(GenericMapping.SECTION);

  private final GenericMapping mapping;

  KernelObjectType(GenericMapping mapping) {
    this.mapping = mapping;
  }

  /** How the object manager maps generic rights for objects of this type. */
  public GenericMapping mapping() {
    return mapping;
  }
}
