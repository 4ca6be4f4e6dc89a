/**
 * Accepted findings: a waivers file names a rule or requirement, package and subject globs, a
 * reason and an optional expiry; {@link io.drvguard.library.waivers.Waivers} marks the findings
 * they match as waived and reports waivers that expired or matched nothing.
 */
package io.drvguard.library.waivers;
