package io.drvguard.facts.request;

import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * A still-image minidriver instance creating a named kernel object (STI-1).
 *
 * @param token the creating context's token
 * @param objectName the object's name
 * @param type mutex, event, semaphore or section
 * @param context the creating context: {@code application} or {@code eventMonitor}
 * @param nullDescriptor true when the object is created with a NULL security descriptor
 * @param descriptor what the object gets: the given SDDL, or the creator's default DACL
 * @param exists true when an instance already created it: the create then opens the existing object,
 *     which is an {@link ObjectOpenRequest} with {@code viaCreate}; a create request that says so is
 *     answered by no rule (fail closed)
 */
public record ObjectCreateRequest(
    String id,
    String principal,
    Token token,
    String objectName,
    KernelObjectType type,
    String context,
    boolean nullDescriptor,
    SecurityDescriptor descriptor,
    boolean exists) implements Request {

  @Override
  public String kind() {
    return "createObject";
  }

  @Override
  public String target() {
    return objectName;
  }

  @Override
  public String defaultRequirement() {
    return "STI-1";
  }
}
