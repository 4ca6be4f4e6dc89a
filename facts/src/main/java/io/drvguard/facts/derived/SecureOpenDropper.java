package io.drvguard.facts.derived;

import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.policy.DeviceStack;

/**
 * An FDO or filter object that attaches without the FILE_DEVICE_SECURE_OPEN an object below it
 * has, because it does not copy {@code Characteristics} from below (NS-11). Derived by {@code
 * SecureOpenDroppedOnAttach} in Namespace.drl.
 *
 * @param stack the stack
 * @param object the FDO or filter object that drops the flag
 * @param flaggedBelow the highest object below {@code object} that has the flag when it attaches
 */
public record SecureOpenDropper(DeviceStack stack, DeviceObject object, DeviceObject flaggedBelow) {}
