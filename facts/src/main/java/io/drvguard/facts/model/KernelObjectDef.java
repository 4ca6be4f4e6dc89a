package io.drvguard.facts.model;

import java.util.List;

/**
 * One {@code kernelObjects[]} entry: a named kernel object a still-image minidriver creates.
 * {@code sddl == null} means a NULL security descriptor (the creator's default DACL applies).
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
