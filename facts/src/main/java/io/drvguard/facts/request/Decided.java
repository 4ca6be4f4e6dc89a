package io.drvguard.facts.request;

/**
 * What a decider gives for a request: at least the {@link Decision}. An engine's evaluation (the
 * decision with the findings and the rules that fired) is one, so a simulation can hand the whole
 * evaluation back with each step instead of the caller keeping it aside.
 */
public interface Decided {
  /** The decision. */
  Decision decision();
}
