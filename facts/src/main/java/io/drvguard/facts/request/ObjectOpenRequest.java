package io.drvguard.facts.request;

import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * A still-image minidriver instance opening a named kernel object another instance created
 * (STI-1, STI-2). A create call (CreateMutex, CreateEvent, CreateSemaphore, CreateFileMapping) on
 * a name that already exists is such an open too: Windows returns the existing object
 * (ERROR_ALREADY_EXISTS) after checking the caller against its descriptor for the type's all-access
 * right, and fails the call with access denied otherwise; {@code viaCreate} marks it. Build one with
 * {@link #builder()}.
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
 * @param origin the package and scenario step the request comes from
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
    boolean viaCreate,
    Origin origin) implements Request {

  public ObjectOpenRequest {
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A request whose origin is unknown. */
  public ObjectOpenRequest(String id, String principal, Token token, String objectName, KernelObjectType type,
      boolean found, SecurityDescriptor descriptor, String creatorContext, String context, int desiredAccess,
      boolean viaCreate) {
    this(id, principal, token, objectName, type, found, descriptor, creatorContext, context, desiredAccess, viaCreate,
        Origin.UNKNOWN);
  }

  /** An {@code openObject} call. */
  public ObjectOpenRequest(String id, String principal, Token token, String objectName, KernelObjectType type,
      boolean found, SecurityDescriptor descriptor, String creatorContext, String context, int desiredAccess) {
    this(id, principal, token, objectName, type, found, descriptor, creatorContext, context, desiredAccess, false);
  }

  /**
   * A builder whose defaults are an {@code openObject} call of an object that exists
   * ({@code found}); origin unknown.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of an {@link ObjectOpenRequest} by name; each setter returns the builder. */
  public static final class Builder {
    private String id;
    private String principal;
    private Token token;
    private String objectName;
    private KernelObjectType type;
    private boolean found = true;
    private SecurityDescriptor descriptor;
    private String creatorContext;
    private String context;
    private int desiredAccess;
    private boolean viaCreate;
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder id(String v) { id = v; return this; }
    public Builder principal(String v) { principal = v; return this; }
    /** The principal's name and token at once. */
    public Builder as(String name, Token t) { principal = name; token = t; return this; }
    public Builder token(Token v) { token = v; return this; }
    public Builder objectName(String v) { objectName = v; return this; }
    public Builder type(KernelObjectType v) { type = v; return this; }
    public Builder found(boolean v) { found = v; return this; }
    public Builder descriptor(SecurityDescriptor v) { descriptor = v; return this; }
    /** {@code application} or {@code eventMonitor}. */
    public Builder creatorContext(String v) { creatorContext = v; return this; }
    /** {@code application} or {@code eventMonitor}. */
    public Builder context(String v) { context = v; return this; }
    public Builder desiredAccess(int v) { desiredAccess = v; return this; }
    public Builder viaCreate(boolean v) { viaCreate = v; return this; }
    public Builder origin(Origin v) { origin = v; return this; }

    public ObjectOpenRequest build() {
      return new ObjectOpenRequest(id, principal, token, objectName, type, found, descriptor, creatorContext, context,
          desiredAccess, viaCreate, origin);
    }
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
