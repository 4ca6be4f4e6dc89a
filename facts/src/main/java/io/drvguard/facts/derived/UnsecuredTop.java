package io.drvguard.facts.derived;

import io.drvguard.facts.policy.DeviceStack;

/**
 * A stack callers reach by name whose top object runs without FILE_DEVICE_SECURE_OPEN, where this
 * package decides the top's flags and no dropping filter explains it (that is NS-11's finding): the
 * stack NS-7 to NS-10 judge by how the driver handles namespace opens. Derived by {@code
 * TopLacksSecureOpen} in Namespace.drl.
 *
 * @param stack the stack
 */
public record UnsecuredTop(DeviceStack stack) {}
