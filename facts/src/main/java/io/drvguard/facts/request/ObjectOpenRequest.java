package io.drvguard.facts.request;

import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * A still-image minidriver instance opening a named kernel object another instance created
 * (STI-1, STI-2). A create call (CreateMutex, CreateEvent, CreateSemaphore, CreateFileMapping) on
 * a name that already exists is such an open too: Windows returns the existing object
 * (ERROR_ALREADY_EXISTS) after checking the caller against its descriptor for the type's all-access
 * right, and fails the call with access denied otherwise; {@code viaCreate} marks it.
 *
 * @param token the opening context's token
 * @param objectName the object's name
 * @param type mutex, event, semaphore or section
 * @param found false when no instance has created the object yet
 * @param descriptor the object's descriptor as created: the given SDDL, or the creator's default DACL for a NULL descriptor
 * @param creatorContext {@code application} or {@code eventMonitor}
 * @param context the context opening it
 * @param desiredAccess the access asked for, generic bits not yet mapped
 * @param viaCreate true when a create call of an existing name opens it
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
    int desiredAccess,
    boolean viaCreate) implements Request {

  /** An {@code openObject} call. */
  public ObjectOpenRequest(String id, String principal, Token token, String objectName, KernelObjectType type,
      boolean found, SecurityDescriptor descriptor, String creatorContext, String context, int desiredAccess) {
    this(id, principal, token, objectName, type, found, descriptor, creatorContext, context, desiredAccess, false);
  }

  @Override
  public String kind() {
    return viaCreate ? "createObject" : "openObject";
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
