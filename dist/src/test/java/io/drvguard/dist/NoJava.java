package io.drvguard.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A launcher run as on a machine without Java: a PATH with only the tools the launchers call, no JAVA_HOME. */
final class NoJava {
  private NoJava() {}

  /** {@code sh launcher args…} in {@code dir} without Java; {@code work} holds the PATH folder. */
  static ProcessBuilder run(Path work, Path dir, Path launcher, String... args) throws IOException {
    Path tools = Files.createDirectories(work.resolve("tools-without-java"));
    for (String tool : List.of("ls", "sed", "dirname")) {
      Path link = tools.resolve(tool);
      if (Files.notExists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable)
            .findFirst().orElseThrow();
        Files.createSymbolicLink(link, real);
      }
    }
    List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", tools.toString());
    return pb;
  }
}
