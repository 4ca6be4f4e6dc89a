package io.drvguard.engine;

import java.net.URL;

/**
 * The bundled rules as kie-maven-plugin compiled them to the executable model at build time
 * (rules/pom.xml): loading them costs no DRL compilation, which was most of a cold start.
 */
final class PrecompiledRules {
  private static final String MODELS = "META-INF/kie/io.drvguard/drvguard-rules/drools-model";

  private PrecompiledRules() {}

  /** Whether the classpath holds the executable model (not so when run from unpackaged sources). */
  static boolean available() {
    return RuleBase.class.getClassLoader().getResource(MODELS) != null;
  }

  /** New model instances of the bundled rules. */
  static ExecutableModel model() {
    ClassLoader loader = RuleBase.class.getClassLoader();
    URL listing = loader.getResource(MODELS);
    if (listing == null) {
      throw new IllegalStateException("`" + MODELS + "` is missing from the classpath");
    }
    return ExecutableModel.load(loader, listing);
  }
}
