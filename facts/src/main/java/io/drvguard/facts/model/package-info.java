/**
 * A driver package as the adapters read it from a manifest, an INF or driver sources
 * ({@link io.drvguard.facts.model.DriverPackage}: driver, device objects, IOCTLs, kernel objects,
 * INF registry values), each fact with its {@link io.drvguard.facts.model.SourceLocation}; and what
 * the static rules report about it ({@link io.drvguard.facts.model.Violation} through a
 * {@link io.drvguard.facts.model.ViolationSink}, at a {@link io.drvguard.facts.model.Severity}).
 */
package io.drvguard.facts.model;
