package io.drvguard.source;

import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Path;

/**
 * One driver found by a source scan: the package inferred from its code (locations point at the C
 * lines facts came from, unresolved values listed in the package), its directory relative to the
 * scan root and its framework. A manifest beside the sources is laid over it when the package is
 * loaded for checking ({@link SourcePackages}).
 *
 * @param root the driver's directory as the user named it
 * @param rel the same relative to the scan argument, with forward slashes ({@code .} for the argument itself)
 * @param framework {@code wdm}, {@code kmdf} or {@code sti} (a user-mode still-image minidriver)
 */
public record ScannedDriver(Path root, String rel, String framework, DriverPackage pkg) {}
