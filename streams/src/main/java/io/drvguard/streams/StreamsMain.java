package io.drvguard.streams;

import io.drvguard.adapters.InputException;
import io.drvguard.library.Drvguard;
import io.drvguard.library.config.ConfigSources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The runnable jar: {@code run} starts the Kafka Streams application against a cluster;
 * {@code replay SCENARIO...} pushes scenarios through the same topology without a broker and
 * prints what {@code drvguard simulate} prints. Exit status: 0 fine, 1 an expectation failed or an
 * error finding, 2 bad input or usage.
 */
@Command(name = "drvguard-streams", mixinStandardHelpOptions = true, versionProvider = StreamsMain.Version.class,
    description = "Decide runtime events from many machines on Kafka Streams.",
    subcommands = {StreamsMain.Run.class, StreamsMain.ReplayCommand.class})
public final class StreamsMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Runs the command line {@code args} and exits with its status. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("replay")) {
      // a replay's driver warns about its temporary state folder; its report is the output. Both
      // names: the release archive's logging settings give Kafka Streams' own loggers INFO
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.streams", "error");
    }
    System.exit(execute(args));
  }

  /** Runs the command line {@code args}; returns the exit status. */
  public static int execute(String... args) {
    return new CommandLine(new StreamsMain()).execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** The version from the jar manifest (Implementation-Version), or {@code dev} when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = StreamsMain.class.getPackage().getImplementationVersion();
      return new String[] {"drvguard-streams " + (v == null ? "dev" : v)};
    }
  }

  /** The engine: bundled rules under the drvguard configuration file, if one is given. */
  static Drvguard drvguard(Path config) throws Exception {
    Drvguard.Builder b = Drvguard.builder();
    if (config != null) {
      b.configuration(List.of(), config, ConfigSources.system());
    }
    return b.build();
  }

  /** {@code run}: the application, until it is stopped. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the application against a Kafka cluster until stopped (Ctrl-C).")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file: Kafka Streams keys and drvguard.* keys.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting over the file (repeatable).")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      StreamsSettings s;
      try {
        s = StreamsSettings.load(config, sets);
      } catch (IllegalArgumentException e) {
        err.println("drvguard-streams: " + e.getMessage());
        return 2;
      } catch (java.io.IOException e) {
        err.println("drvguard-streams: " + config + ": cannot read the settings file (" + e.getClass().getSimpleName()
            + (e.getMessage() == null || e.getMessage().equals(config.toString()) ? "" : ": " + e.getMessage()) + ")");
        return 2;
      }
      if (s.packages() == null) {
        err.println("drvguard-streams: " + (config == null ? "no --config FILE and no --set " : config + " sets no ")
            + StreamsSettings.PACKAGES + " (the folder of driver packages)");
        return 2;
      }
      Drvguard drvguard;
      try {
        drvguard = drvguard(s.policy());
      } catch (InputException e) {
        err.println("drvguard-streams: " + e.getMessage());
        return 2;
      }
      PackageRegistry registry = PackageRegistry.load(s.packages(), drvguard.engine().settings().policy());
      if (!registry.errors().isEmpty()) {
        registry.errors().forEach(e -> err.println("drvguard-streams: " + e.getMessage()));
        return 2;
      }
      err.println("drvguard-streams: " + registry.names().size() + " package(s): " + String.join(", ", registry.names()));
      err.flush();
      EventDecider decider = new EventDecider(registry, r -> drvguard.evaluate(r, false));
      CountDownLatch stopped = new CountDownLatch(1);
      java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
      try (KafkaStreams streams = new KafkaStreams(DecisionTopology.build(s.topics(), decider), s.kafka())) {
        // The JVM ends once its shutdown hooks have returned, so the hook itself closes the
        // application: it commits what it has decided and leaves the group, so that the instance
        // that takes over (or this one, restarted) gets the partitions without waiting for the
        // session timeout.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
              org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(java.time.Duration.ofSeconds(60)));
          stopped.countDown();
        }, "drvguard-streams-stop"));
        streams.setStateListener((now, before) -> {
          if (now == KafkaStreams.State.ERROR) {
            failed.set(true);
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
        streams.start();
        stopped.await();
      }
      if (failed.get()) {
        err.println("drvguard-streams: the application stopped in state ERROR (its stream threads failed; see the log above)");
        err.flush();
        return 2;
      }
      return 0;
    }
  }

  /** {@code replay SCENARIO...}: scenarios through the topology, printed as simulate prints them. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Push scenarios through the topology (no broker) and print the decisions simulate prints.")
  static final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (*.scenario.yaml).")
    List<Path> scenarios;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text, json, sarif or junit (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--config", paramLabel = "FILE", description = "A drvguard configuration file (policy, severities).")
    Path config;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Drvguard drvguard;
      try {
        drvguard = drvguard(config);
      } catch (InputException e) {
        err.println("drvguard-streams: " + e.getMessage());
        return 2;
      }
      try {
        return new Replay(drvguard).print(scenarios, format, spec.commandLine().getOut(), err);
      } catch (IllegalArgumentException e) {
        err.println("drvguard-streams: " + e.getMessage());
        return 2;
      }
    }
  }
}
