/**
 * Layered configuration: {@code --set}, {@code DRVGUARD_*} environment variables,
 * {@code --config FILE}, the working directory's settings file and the bundled defaults, each
 * layer validated on its own and the highest layer that sets a key winning.
 */
package io.drvguard.cli.config;
