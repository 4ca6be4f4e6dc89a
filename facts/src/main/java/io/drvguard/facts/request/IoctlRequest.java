package io.drvguard.facts.request;

import io.drvguard.facts.ioctl.CtlCode;
import java.util.List;

/**
 * An {@code IRP_MJ_DEVICE_CONTROL} sent on a handle.
 *
 * @param handle the scenario's name of the handle it is sent on
 * @param ioctlName the IOCTL's name (or its code as given)
 * @param code the control code
 * @param known false when the driver defines no IOCTL with this code (it fails the request)
 * @param grantedAccess the access granted to the handle when it was opened
 * @param validatesAccess what the driver checks with IoValidateDeviceIoControlAccess (IOCTL-4)
 * @param requiresValidatedRight true when the OS target is Windows Server 2003 or later (IOCTL-5)
 */
public record IoctlRequest(
    String id,
    String principal,
    String handle,
    String ioctlName,
    CtlCode code,
    boolean known,
    int grantedAccess,
    List<String> validatesAccess,
    boolean requiresValidatedRight) implements Request {

  public IoctlRequest {
    validatesAccess = List.copyOf(validatesAccess);
  }

  @Override
  public String kind() {
    return "ioctl";
  }

  @Override
  public String target() {
    return ioctlName;
  }

  @Override
  public String defaultRequirement() {
    return "IOCTL-2";
  }
}
