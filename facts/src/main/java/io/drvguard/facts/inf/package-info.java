/**
 * What an INF writes to the registry, as the rules see it: each value an {@code AddReg} directive
 * sets ({@link io.drvguard.facts.inf.InfRegistryValue}), on which kind of key (hardware, class,
 * service) and with which effect, so device security settings such as {@code Security},
 * {@code DeviceCharacteristics} and {@code Exclusive} can be judged (M-1, INF-4).
 */
package io.drvguard.facts.inf;
