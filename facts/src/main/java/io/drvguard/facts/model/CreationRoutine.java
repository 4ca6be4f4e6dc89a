package io.drvguard.facts.model;

/** The kernel routine the driver calls to create a device object. */
public enum CreationRoutine {
  IoCreateDevice,
  IoCreateDeviceSecure
}
