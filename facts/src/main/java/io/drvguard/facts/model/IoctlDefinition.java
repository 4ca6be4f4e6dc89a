package io.drvguard.facts.model;

import io.drvguard.facts.ioctl.CtlCode;
import java.util.List;

/**
 * One {@code ioctls[]} entry of a manifest. {@code code} is the decoded control code (IOCTL-1);
 * {@code codeText} is what the manifest wrote.
 *
 * @param packageName the package the IOCTL belongs to
 * @param name its symbolic name, e.g. {@code IOCTL_TOAST_EJECT}
 * @param codeText the code as the manifest wrote it (a number or {@code CTL_CODE(…)} text)
 * @param code the decoded control code
 * @param userMode user-mode callers can send it
 * @param changesState it changes the device's or the system's state (not a read-only query)
 * @param validatesAccess the rights the driver checks with {@code IoValidateDeviceIoControlAccess}; empty when it does not
 * @param forwardsDown the driver passes the request down its stack on the caller's behalf (PRIV-1)
 * @param requiresPrivilege the privilege the operation needs, e.g. {@code SeLoadDriverPrivilege}; null when none
 * @param checksPrivilege the driver checks the caller's {@code requiresPrivilege} itself before acting
 * @param justification the reason given for defining it with {@code FILE_ANY_ACCESS}; null when none
 * @param location where the entry is written
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

  /** True when a non-blank {@code justification} is given. */
  public boolean justified() {
    return justification != null && !justification.isBlank();
  }
}
