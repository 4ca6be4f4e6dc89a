package io.drvguard.engine;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieContainer;

/**
 * The bundled rules as kie-maven-plugin compiled them to the executable model at build time
 * (rules/pom.xml): loading them costs no DRL compilation, which is most of a cold start.
 */
final class PrecompiledRules {
  static final String KIE_BASE = "drvguard-bundled";
  private static final String MODEL = "META-INF/kie/io.drvguard/drvguard-rules/drools-model";

  private PrecompiledRules() {}

  private static final class Holder {
    static final KieContainer CONTAINER =
        KieServices.Factory.get().newKieClasspathContainer("drvguard-bundled", RuleBase.class.getClassLoader());
  }

  /** Whether the classpath holds the executable model (not so when run from unpackaged sources). */
  static boolean available() {
    return RuleBase.class.getClassLoader().getResource(MODEL) != null;
  }

  /** A new rule base of the bundled rules, which its owner may change (rules removed or added). */
  static KieBase newKieBase() {
    return Holder.CONTAINER.newKieBase(KIE_BASE, null);
  }
}
