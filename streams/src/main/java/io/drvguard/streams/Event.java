package io.drvguard.streams;

import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.tree.Section;
import io.drvguard.facts.policy.Target;

/**
 * One event as read from {@code drvguard.events}, before its step is checked against the package
 * (which needs the package, so it happens once the package is known).
 *
 * @param machine the machine the event happened on (the record key)
 * @param packageName the driver package the step is addressed to
 * @param target the machine's OS, or null for the configured {@code policy.target}
 * @param principal who acts: the principal the step's {@code as} names, and the holder of its handles
 * @param step the step mapping, as in a scenario's {@code steps}
 */
public record Event(String machine, String packageName, Target target, Scenario.Principal principal, Section step) {}
