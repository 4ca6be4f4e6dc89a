/**
 * The {@code drvguard.yaml} package manifest (also JSON, properties or XML): the driver, its device
 * objects, IOCTLs and kernel objects, read with a location for every fact; and the overlay form laid
 * over what a source scan inferred.
 */
package io.drvguard.adapters.manifest;
