package io.drvguard.facts.model;

/**
 * The driver model a driver is written to (manifest {@code driver.framework}, extension; the source
 * scan infers it). Some guidance is for one model only: the INF as the place for device
 * characteristics (INF-3) is WDM advice, while KMDF sets FILE_DEVICE_SECURE_OPEN itself.
 */
public enum Framework {
  WDM,
  KMDF
}
