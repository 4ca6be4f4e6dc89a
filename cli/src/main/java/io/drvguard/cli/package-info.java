/**
 * The {@code drvguard} command line (picocli): {@code check}, {@code scan}, {@code simulate},
 * {@code verify} and {@code rules}, their options and the report writers (text, JSON, SARIF,
 * JUnit). Exit status 0 nothing at or above {@code --fail-on}, 1 findings or failed expectations,
 * 2 any input, rule or usage error. The work itself is done by the {@code library} and
 * {@code engine} modules.
 */
package io.drvguard.cli;
