/**
 * I/O control codes: {@link io.drvguard.facts.ioctl.CtlCode} packs and unpacks the device type,
 * function, transfer method and required access as the {@code CTL_CODE} macro does, and
 * {@link io.drvguard.facts.ioctl.CtlExpression} reads {@code CTL_CODE(…)} text with the WDK's
 * symbolic names. The required access is what the I/O manager checks against a handle before the
 * driver sees the request (IOCTL-1 … IOCTL-5).
 */
package io.drvguard.facts.ioctl;
