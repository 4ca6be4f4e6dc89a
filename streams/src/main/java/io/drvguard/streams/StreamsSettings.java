package io.drvguard.streams;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The application's settings: a Java properties file ({@code --config}) under {@code --set KEY=VALUE}
 * overrides. Keys starting {@code drvguard.} are the application's own; every other key goes to
 * Kafka Streams as it is (its {@code StreamsConfig} and client settings). Defaults:
 * {@code application.id=drvguard-streams}, {@code bootstrap.servers=localhost:9092},
 * {@code processing.guarantee=exactly_once_v2}.
 *
 * <ul>
 *   <li>{@value #PACKAGES}: the folder of driver packages (required for {@code run})</li>
 *   <li>{@value #POLICY}: a drvguard configuration file (policy parameters, severities), as {@code --config} of the CLI</li>
 *   <li>{@value #TOPIC_PREFIX}{@code events|decisions|violations|dlq}: topic names (defaults in {@link Topics#DEFAULTS})</li>
 * </ul>
 *
 * @param kafka the Kafka Streams properties
 * @param topics the topics
 * @param packages the packages folder, or null when none is set
 * @param policy the drvguard configuration file, or null
 */
public record StreamsSettings(Properties kafka, Topics topics, Path packages, Path policy) {
  /** The key of the packages folder. */
  public static final String PACKAGES = "drvguard.packages.dir";
  /** The key of the drvguard configuration file. */
  public static final String POLICY = "drvguard.config";
  /** The prefix of the topic name keys. */
  public static final String TOPIC_PREFIX = "drvguard.topic.";

  /**
   * The settings of {@code file} (null: none) under {@code sets}.
   *
   * @throws IllegalArgumentException for a {@code --set} without {@code =}, an unknown {@code drvguard.}
   *     key (naming the file and line it is on, or the {@code --set}) or a file that is not a properties file
   * @throws IOException when {@code file} does not read
   */
  public static StreamsSettings load(Path file, List<String> sets) throws IOException {
    Properties all = new Properties();
    all.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "drvguard-streams");
    all.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    all.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    if (file != null) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        all.load(r);
      } catch (IllegalArgumentException e) {
        // Properties.load's only complaint (a malformed Unicode escape) names neither file nor line
        throw new IllegalArgumentException(file + ": not a properties file: " + e.getMessage(), e);
      }
    }
    Set<String> setKeys = new HashSet<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("`--set " + s + "`: expected KEY=VALUE");
      }
      all.setProperty(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
      setKeys.add(s.substring(0, eq).trim());
    }
    Properties kafka = new Properties();
    Topics d = Topics.DEFAULTS;
    String events = d.events();
    String decisions = d.decisions();
    String violations = d.violations();
    String dlq = d.deadLetters();
    Path packages = null;
    Path policy = null;
    for (String key : all.stringPropertyNames()) {
      String v = all.getProperty(key);
      if (!key.startsWith("drvguard.")) {
        kafka.setProperty(key, v);
        continue;
      }
      switch (key) {
        case PACKAGES -> packages = Path.of(v);
        case POLICY -> policy = Path.of(v);
        case TOPIC_PREFIX + "events" -> events = v;
        case TOPIC_PREFIX + "decisions" -> decisions = v;
        case TOPIC_PREFIX + "violations" -> violations = v;
        case TOPIC_PREFIX + "dlq" -> dlq = v;
        default -> throw new IllegalArgumentException((setKeys.contains(key) ? "`--set " + key + "`" : where(file, key))
            + ": unknown setting `" + key + "`; expected " + PACKAGES + ", " + POLICY + " or " + TOPIC_PREFIX
            + "events|decisions|violations|dlq");
      }
    }
    return new StreamsSettings(kafka, new Topics(events, decisions, violations, dlq), packages, policy);
  }

  /** {@code file:line} of the line that sets {@code key} (Properties keeps no lines), or the file alone. */
  private static String where(Path file, String key) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).stripLeading();
      if (line.startsWith(key) && (line.length() == key.length() || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
        return file + ":" + (i + 1);
      }
    }
    return file.toString();
  }
}
