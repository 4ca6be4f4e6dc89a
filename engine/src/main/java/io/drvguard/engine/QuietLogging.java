package io.drvguard.engine;

import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Drools logs through SLF4J, which warns on stderr, three lines, when the application has no SLF4J
 * backend. An application that embeds drvguard without one has chosen silence and should get it;
 * one with a backend must keep it, so no backend is a dependency of ours (the command line brings
 * its own). SLF4J has no API to choose a provider, only the {@code slf4j.provider} property: when no
 * provider is installed and none is named, SLF4J is initialised, before Drools first logs, with
 * slf4j-api's own no-operation provider (the one it would fall back to after warning), and with
 * its internal reports at WARN, as naming a provider is otherwise reported at INFO. The properties
 * are cleared again once SLF4J has read them, so the application never sees them.
 */
final class QuietLogging {
  private static final String PROVIDER = "slf4j.provider";
  private static final String VERBOSITY = "slf4j.internal.verbosity";
  private static final String NOP = "org.slf4j.helpers.NOP_FallbackServiceProvider";
  // an SLF4J 1.7 binding: SLF4J 2 ignores it, and its warning about that is the application's to see
  private static final String OLD_BINDING = "org/slf4j/impl/StaticLoggerBinder.class";

  private QuietLogging() {}

  /** Whether {@link #install} chose the no-operation provider. */
  private static final boolean CHOSEN = choose();

  /** Makes sure SLF4J is initialised; quietly when the application has no backend. */
  static boolean install() {
    return CHOSEN;
  }

  private static boolean choose() {
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    if (System.getProperty(PROVIDER) != null || loader == null || loader.getResource(OLD_BINDING) != null
        || ServiceLoader.load(SLF4JServiceProvider.class, loader).findFirst().isPresent()) {
      return false;
    }
    boolean verbosity = System.getProperty(VERBOSITY) == null;
    System.setProperty(PROVIDER, NOP);
    if (verbosity) {
      System.setProperty(VERBOSITY, "WARN");
    }
    try {
      LoggerFactory.getILoggerFactory();
    } finally {
      System.clearProperty(PROVIDER);
      if (verbosity) {
        System.clearProperty(VERBOSITY);
      }
    }
    return true;
  }
}
