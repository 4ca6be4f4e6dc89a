package io.drvguard.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What an archive's THIRD-PARTY.txt lists, and what its lib/ holds, both as artifactId-version. */
final class Notices {
  private static final Pattern ENTRY = Pattern.compile("\\(([^:()\\s]+):([^:()\\s]+):([^:()\\s]+) - ");

  private Notices() {}

  static Set<String> listed(Path thirdParty) throws IOException {
    Set<String> listed = new TreeSet<>();
    Matcher m = ENTRY.matcher(Files.readString(thirdParty));
    while (m.find()) {
      listed.add(m.group(2) + "-" + m.group(3));
    }
    return listed;
  }

  /** The libraries in {@code lib}: not drvguard's own jars, nor {@code launcher}; picocli's rebuild under its own name. */
  static Set<String> bundled(Path lib, String launcher) throws IOException {
    try (Stream<Path> s = Files.list(lib)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(launcher) && !n.startsWith("drvguard-"))
          .map(n -> n.replaceFirst("(-java17)?\\.jar$", "")).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
