package io.drvguard.facts.model;

import io.drvguard.facts.ioctl.CtlCode;
import java.util.List;

/**
 * One {@code ioctls[]} entry of a manifest. {@code code} is the decoded control code (IOCTL-1);
 * {@code codeText} is what the manifest wrote.
 */
public record IoctlDefinition(
    String packageName,
    String name,
    String codeText,
    CtlCode code,
    boolean userMode,
    boolean changesState,
    List<String> validatesAccess,
    boolean forwardsDown,
    String requiresPrivilege,
    boolean checksPrivilege,
    String justification,
    SourceLocation location) {

  public IoctlDefinition {
    validatesAccess = List.copyOf(validatesAccess);
  }

  /** True when the code requires no access on the handle ({@code FILE_ANY_ACCESS}). */
  public boolean anyAccess() {
    return code.access() == 0;
  }

  /** True when the driver calls {@code IoValidateDeviceIoControlAccess} (IOCTL-4). */
  public boolean validatesInDriver() {
    return !validatesAccess.isEmpty();
  }

  public boolean justified() {
    return justification != null && !justification.isBlank();
  }
}
