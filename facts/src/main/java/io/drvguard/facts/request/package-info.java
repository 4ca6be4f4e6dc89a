/**
 * Runtime requests and their decisions. A {@link io.drvguard.facts.request.Request} is an open,
 * relative open, IOCTL, forward, or kernel object create or open, with every fact the I/O manager
 * and the driver would look at; build one by name with its {@code builder()}. Each carries its
 * {@link io.drvguard.facts.request.Origin} (package and scenario step), so the findings a decision
 * reports name where they come from. Decision rules vote through a
 * {@link io.drvguard.facts.request.DecisionSink}; the engine combines the votes into a
 * {@link io.drvguard.facts.request.Decision} (verdict, NTSTATUS, deciding requirement and rule).
 */
package io.drvguard.facts.request;
