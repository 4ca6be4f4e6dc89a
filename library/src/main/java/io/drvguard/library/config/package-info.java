/**
 * Layered configuration, the same for the command line and an embedding tool:
 * {@code KEY=VALUE} settings (the command line's {@code --set}), {@code DRVGUARD_*} environment
 * variables, a configuration file ({@code --config}), the working directory's settings file and the
 * bundled defaults, each layer validated on its own and the highest layer that sets a key winning
 * ({@link io.drvguard.library.config.ConfigLayers}). {@link io.drvguard.library.config.ConfigFile}
 * is the result, {@link io.drvguard.library.config.ConfigSources} where the environment and the
 * working directory come from (the process's own, or a map and a folder of the caller's choosing).
 */
package io.drvguard.library.config;
