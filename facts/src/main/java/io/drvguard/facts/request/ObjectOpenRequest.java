package io.drvguard.facts.request;

import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * A still-image minidriver instance opening a named kernel object another instance created
 * (STI-1, STI-2).
 *
 * @param found false when no instance has created the object yet
 * @param descriptor the object's descriptor as created: the given SDDL, or the creator's default DACL for a NULL descriptor
 * @param creatorContext {@code application} or {@code eventMonitor}
 * @param context the context opening it
 */
public record ObjectOpenRequest(
    String id,
    String principal,
    Token token,
    String objectName,
    KernelObjectType type,
    boolean found,
    SecurityDescriptor descriptor,
    String creatorContext,
    String context,
    int desiredAccess) implements Request {

  @Override
  public String kind() {
    return "openObject";
  }

  @Override
  public String target() {
    return objectName;
  }

  @Override
  public String defaultRequirement() {
    return "STI-2";
  }
}
