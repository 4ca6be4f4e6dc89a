/**
 * The regression case runner behind {@code drvguard verify} and the regression corpus: a package
 * case is a directory with a manifest (or driver sources) and the findings it must produce for its
 * requirement, and the rules it guards; {@link io.drvguard.library.verify.CaseRunner} checks it
 * through the public engine API. {@link io.drvguard.library.verify.RuleCoverage} is the one
 * definition of rule coverage (a named positive and negative case per rule), and
 * {@link io.drvguard.library.verify.StepGuards} checks what a scenario step guards.
 */
package io.drvguard.library.verify;
