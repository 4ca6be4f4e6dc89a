/**
 * Compiles DRL at run time for the engine, which finds {@link io.drvguard.drl.RuleCompiler} as its
 * {@link io.drvguard.engine.DrlCompiler} through {@link java.util.ServiceLoader}: an author's rule
 * folders to the executable model, kept in the {@code RuleCache}, and DRL that does
 * not compile reported at the expression at fault ({@code DrlErrorPlace}). A module
 * of its own so that an application running only the bundled, precompiled rules does without the
 * Drools compiler stack it needs (ecj, MVEL, ANTLR, JavaParser).
 */
package io.drvguard.drl;
