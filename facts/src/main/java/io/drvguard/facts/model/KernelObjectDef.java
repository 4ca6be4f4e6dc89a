package io.drvguard.facts.model;

import java.util.List;

/**
 * One {@code kernelObjects[]} entry: a named kernel object a still-image minidriver creates.
 * {@code sddl == null} means a NULL security descriptor (the creator's default DACL applies).
 *
 * @param packageName the package that creates it
 * @param name its name in the object namespace, e.g. {@code Global\ScanLock}
 * @param type mutex, event, semaphore or section
 * @param sddl the SDDL of the descriptor it is created with; null for a NULL descriptor
 * @param sharedBetween the contexts that use it: {@code application}, {@code eventMonitor}
 * @param location where the entry is written
 */
public record KernelObjectDef(
    String packageName,
    String name,
    KernelObjectType type,
    String sddl,
    List<String> sharedBetween,
    SourceLocation location) {

  public KernelObjectDef {
    sharedBetween = List.copyOf(sharedBetween);
  }
}
