package io.drvguard.facts.derived;

import io.drvguard.facts.policy.DeviceStack;

/**
 * A stack callers can open through a name, so a namespace open ({@code \Device\Name\anything})
 * has something to check (NS-6 to NS-10). Derived by the {@code StackReachable*} rules of
 * Namespace.drl.
 *
 * @param stack the stack
 * @param reason why, for explanations: {@code named object}, {@code volume}, {@code PnP PDO}
 */
public record ReachableStack(DeviceStack stack, String reason) {}
