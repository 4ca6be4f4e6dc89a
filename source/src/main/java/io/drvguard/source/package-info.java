/**
 * Driver source trees as packages: {@link io.drvguard.source.SourceScanner} parses the C sources
 * of a WDM or KMDF driver with tree-sitter, finds each driver's device objects, dispatch routines,
 * IOCTLs and kernel objects, and infers the package a manifest would describe, each fact at the
 * source line that causes it; {@link io.drvguard.source.SourcePackages} lays a manifest found beside
 * the sources over it and reads its INF.
 */
package io.drvguard.source;
