package io.drvguard.dist;

/**
 * The main class of the fleet application's archive ({@code lib/drvguard-streams.jar}): the Java
 * check of {@link Launch}, then {@code io.drvguard.streams.StreamsMain}. Compiled for Java 8 like
 * {@link Launch}, and shipped only in that archive's launcher jar.
 */
public final class StreamsLaunch {
  private StreamsLaunch() {}

  public static void main(String[] args) throws Throwable {
    Launch.start("drvguard-streams", "io.drvguard.streams.StreamsMain", args);
  }
}
