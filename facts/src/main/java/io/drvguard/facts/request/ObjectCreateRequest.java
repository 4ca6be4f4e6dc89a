package io.drvguard.facts.request;

import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;

/**
 * A still-image minidriver instance creating a named kernel object (STI-1). Build one with
 * {@link #builder()}.
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
 * @param origin the package and scenario step the request comes from
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
    boolean exists,
    Origin origin) implements Request {

  public ObjectCreateRequest {
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A request whose origin is unknown. */
  public ObjectCreateRequest(String id, String principal, Token token, String objectName, KernelObjectType type,
      String context, boolean nullDescriptor, SecurityDescriptor descriptor, boolean exists) {
    this(id, principal, token, objectName, type, context, nullDescriptor, descriptor, exists, Origin.UNKNOWN);
  }

  /** A builder whose defaults are a create of a new object with a descriptor given; origin unknown. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of an {@link ObjectCreateRequest} by name; each setter returns the builder. */
  public static final class Builder {
    private String id;
    private String principal;
    private Token token;
    private String objectName;
    private KernelObjectType type;
    private String context;
    private boolean nullDescriptor;
    private SecurityDescriptor descriptor;
    private boolean exists;
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder id(String v) { id = v; return this; }
    public Builder principal(String v) { principal = v; return this; }
    /** The principal's name and token at once. */
    public Builder as(String name, Token t) { principal = name; token = t; return this; }
    public Builder token(Token v) { token = v; return this; }
    public Builder objectName(String v) { objectName = v; return this; }
    public Builder type(KernelObjectType v) { type = v; return this; }
    /** {@code application} or {@code eventMonitor}. */
    public Builder context(String v) { context = v; return this; }
    public Builder nullDescriptor(boolean v) { nullDescriptor = v; return this; }
    public Builder descriptor(SecurityDescriptor v) { descriptor = v; return this; }
    public Builder exists(boolean v) { exists = v; return this; }
    public Builder origin(Origin v) { origin = v; return this; }

    public ObjectCreateRequest build() {
      return new ObjectCreateRequest(id, principal, token, objectName, type, context, nullDescriptor, descriptor,
          exists, origin);
    }
  }

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
