/**
 * JMH benchmarks (not shipped): building the rule base, checking packages, deciding requests one
 * at a time, in batches and from two threads, against a plain-Java reference and the same policy
 * written for Cedar ({@link io.drvguard.bench.CedarPeer}); {@link io.drvguard.bench.Report} turns
 * the JMH results into the figures and ratios {@code bench/README.md} quotes.
 */
package io.drvguard.bench;
