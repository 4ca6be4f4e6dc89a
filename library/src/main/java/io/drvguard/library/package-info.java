/**
 * drvguard for embedding tools, without the command line. {@link io.drvguard.library.Drvguard} is
 * the facade: from paths to {@link io.drvguard.library.Findings}, from a request to a decision, and
 * a package's {@link io.drvguard.library.Device} for requests described as scenario steps. The
 * command line is built on the same pieces: {@link io.drvguard.library.PackageInputs} (which
 * packages some paths name), {@link io.drvguard.library.RuleDirectories} (an author's rule
 * folders), waivers and the {@code verify} case runner in the subpackages.
 */
package io.drvguard.library;
