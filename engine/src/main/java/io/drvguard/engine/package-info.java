/**
 * The rule engine over Drools: {@link io.drvguard.engine.RuleBase} compiles and validates the
 * rules once (bundled and an author's, with their metadata and the
 * {@link io.drvguard.engine.RequirementCatalog}); {@link io.drvguard.engine.Engine} checks packages
 * ({@link io.drvguard.engine.CheckResult}) and decides requests ({@link io.drvguard.engine.Evaluation})
 * from any number of threads, under {@link io.drvguard.engine.EngineSettings} (policy parameters,
 * severity overrides, rule selection, time budget). Embedding tools usually start from the
 * {@code library} module's {@code io.drvguard.library.Drvguard}.
 */
package io.drvguard.engine;
