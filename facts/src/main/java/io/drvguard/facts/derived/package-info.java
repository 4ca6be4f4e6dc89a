/**
 * Facts that the bundled inference rules derive and the reporting rules match: each is one named
 * step of a requirement's judgement ({@code ReachableStack}, {@code UnsecuredTop}, {@code
 * BroadGrant}, ...), so an author can read, override or test that step in DRL. Nothing in Java
 * inserts them; the rule that does is named in each type's comment.
 */
package io.drvguard.facts.derived;
