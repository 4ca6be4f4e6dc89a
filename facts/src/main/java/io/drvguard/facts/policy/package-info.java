/**
 * Facts derived from a package for the rules, and the parameters that tune them: device stacks and
 * each device object's effective descriptor ({@link io.drvguard.facts.policy.PackageModel}), the
 * INF's device settings, the OS {@link io.drvguard.facts.policy.Target}, and the configured
 * {@link io.drvguard.facts.policy.PolicySettings} (strong principals, PnP default descriptor, …).
 */
package io.drvguard.facts.policy;
