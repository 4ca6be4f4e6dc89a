package io.drvguard.library.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the environment and working-directory layers come from: the process in production, a map
 * and a folder in tests (so a test never depends on, or changes, the real environment or working
 * directory).
 *
 * @param environment the environment variables; only {@code DRVGUARD_SEVERITY_*} and
 *     {@code DRVGUARD_POLICY_*} are read
 * @param workingDirectory the folder searched for a settings file, or null for none
 */
public record ConfigSources(Map<String, String> environment, Path workingDirectory) {
  /** No environment and no working directory: only {@code --set}, {@code --config} and the defaults. */
  public static final ConfigSources NONE = new ConfigSources(Map.of(), null);

  public ConfigSources {
    environment = Map.copyOf(environment);
  }

  /** The real process environment and working directory (as the relative path {@code ""}). */
  public static ConfigSources system() {
    return new ConfigSources(System.getenv(), Path.of(""));
  }
}
