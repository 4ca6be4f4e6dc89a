/**
 * The regression case runner behind {@code drvguard verify} and the regression corpus: a package
 * case is a directory with a manifest (or driver sources) and the findings it must produce for its
 * requirement; {@link io.drvguard.library.verify.CaseRunner} checks it through the public engine API.
 */
package io.drvguard.library.verify;
