/**
 * The rule engine over Drools: {@link io.drvguard.engine.RuleBase} builds and validates the rules
 * once (bundled and an author's, with their metadata and the
 * {@link io.drvguard.engine.RequirementCatalog}); {@link io.drvguard.engine.Engine} checks packages
 * ({@link io.drvguard.engine.CheckResult}) and decides requests ({@link io.drvguard.engine.Evaluation})
 * from any number of threads, under {@link io.drvguard.engine.EngineSettings} (policy parameters,
 * severity overrides, rule selection, time budget). The bundled rules come precompiled to Drools'
 * executable model, and this module carries only what runs it; DRL given at run time is compiled by
 * a {@link io.drvguard.engine.DrlCompiler}, found on the classpath (the {@code drl} module).
 * Embedding tools usually start from the {@code library} module's {@code io.drvguard.library.Drvguard}.
 */
package io.drvguard.engine;
