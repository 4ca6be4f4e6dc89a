package io.drvguard.facts.model;

/** Named kernel object types a still-image minidriver shares between its two contexts. */
public enum KernelObjectType {
  MUTEX,
  EVENT,
  SEMAPHORE,
  SECTION
}
