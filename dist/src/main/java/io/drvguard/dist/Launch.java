package io.drvguard.dist;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The main class of the release archive's {@code lib/drvguard.jar}. It is compiled for Java 8 so
 * that any Java which can read a jar gets as far as this check: drvguard itself needs Java 17, and
 * an older one would otherwise stop with a class-version error and exit status 1, which a CI job
 * reads as "findings". Here it stops with a sentence and exit status 2 (bad usage).
 * {@link StreamsLaunch} does the same for the fleet application's archive.
 */
public final class Launch {
  static final int NEEDED = 17;
  private static final String MAIN = "io.drvguard.cli.Main";

  private Launch() {}

  public static void main(String[] args) throws Throwable {
    start("drvguard", MAIN, args);
  }

  /** Runs {@code mainClass} with {@code args} on Java 17+; on an older Java, says so as {@code program} and exits 2. */
  static void start(String program, String mainClass, String[] args) throws Throwable {
    String refusal = refusal(program, System.getProperty("java.specification.version"), System.getProperty("java.home"));
    if (refusal != null) {
      System.err.println(refusal);
      System.exit(2);
    }
    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Why this Java cannot run {@code program}, or null when it can. */
  static String refusal(String program, String specificationVersion, String javaHome) {
    int feature = feature(specificationVersion);
    if (feature >= NEEDED) {
      return null;
    }
    return program + ": needs Java " + NEEDED + " or newer, but " + (javaHome == null ? "this java" : javaHome)
        + " is Java " + specificationVersion + "; set JAVA_HOME to a Java " + NEEDED + "+ installation"
        + " or put its bin folder first on PATH";
  }

  /** The feature release: "1.8" is 8, "17" is 17; anything unreadable counts as too old. */
  static int feature(String specificationVersion) {
    if (specificationVersion == null) {
      return -1;
    }
    String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
    int dot = v.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
