/**
 * The facts drvguard's rules match, as plain immutable Java: the package model
 * ({@link io.drvguard.facts.model}), runtime requests and decisions ({@link io.drvguard.facts.request}),
 * Windows security primitives ({@link io.drvguard.facts.security}), control codes
 * ({@link io.drvguard.facts.ioctl}), INF registry effects ({@link io.drvguard.facts.inf}) and the
 * facts derived from a package for the rules ({@link io.drvguard.facts.policy}). This module reads
 * no files and depends on no rule engine; {@link io.drvguard.facts.TextException} is the base of
 * its errors in a domain notation (SDDL, CTL_CODE).
 */
package io.drvguard.facts;
