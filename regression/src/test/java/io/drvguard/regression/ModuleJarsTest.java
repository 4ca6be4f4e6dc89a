package io.drvguard.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published jar names its module ({@code Automatic-Module-Name}), so an application on the
 * module path gets a stable name rather than one derived from the file name. Reads the jars the
 * reactor built before this module (under {@code mvn verify}); a run that built none (a single test
 * run with {@code -Dtest}) has nothing to check.
 */
class ModuleJarsTest {
  static final List<String> PUBLISHED = List.of("facts", "rules", "engine", "drl", "adapters", "source", "library", "cli");

  @Test
  void everyPublishedJarNamesItsModule() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    int checked = 0;
    for (String m : PUBLISHED) {
      Path jar = mainJar(root.resolve(m).resolve("target"), m);
      if (jar == null) {
        continue; // not built in this run
      }
      try (JarFile j = new JarFile(jar.toFile())) {
        assertEquals("io.drvguard." + m, j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
            jar.toString());
      }
      checked++;
    }
    assumeTrue(checked > 0, "no module jar is built yet (run `mvn -B verify`)");
  }

  private static Path mainJar(Path target, String module) throws IOException {
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        // drvguard-cli.jar (the launcher's name) or drvguard-facts-0.1.0.jar
        return (n.equals("drvguard-" + module + ".jar") || n.startsWith("drvguard-" + module + "-") && n.endsWith(".jar"))
            && !n.endsWith("-tests.jar") && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar");
      }).findFirst().orElse(null);
    }
  }
}
