package io.drvguard.facts.derived;

import io.drvguard.facts.policy.DeviceStack;

/**
 * A stack whose top object's characteristics this package does not decide, so a missing
 * FILE_DEVICE_SECURE_OPEN there is not its finding (NS-7 to NS-10). Derived by the {@code
 * TopSettledBy*} rules of Namespace.drl.
 *
 * @param stack the stack
 * @param reason for explanations: who settles the top's flags
 */
public record TopSettledElsewhere(DeviceStack stack, String reason) {}
