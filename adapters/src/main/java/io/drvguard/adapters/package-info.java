/**
 * Reading drvguard's inputs into facts: {@link io.drvguard.adapters.PackageLocator} finds the
 * packages a path names, {@link io.drvguard.adapters.PackageReader} reads a manifest, a package
 * directory or a bare INF into a {@link io.drvguard.facts.model.DriverPackage}. Every problem is an
 * {@link io.drvguard.adapters.InputException} with the file, line and a stable code. The INF
 * reader, manifest reader, scenario reader and device model live in the subpackages.
 */
package io.drvguard.adapters;
