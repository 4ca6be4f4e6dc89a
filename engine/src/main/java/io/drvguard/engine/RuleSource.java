package io.drvguard.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text of one DRL file. {@code name} is what messages show (a classpath path for bundled
 * rules, the file path for external ones); {@code source} is {@code bundled} or that path.
 */
public record RuleSource(String name, String text, boolean bundled) {
  public String source() {
    return bundled ? "bundled" : name;
  }

  /** Every {@code .drl} file under {@code dir}, in path order: an external rule folder. */
  public static List<RuleSource> directory(Path dir) throws RuleBaseException {
    if (!Files.isDirectory(dir)) {
      throw new RuleBaseException(List.of(new RuleBaseException.Problem(dir.toString(), 0, 0, "rules_not_found",
          "no such directory")));
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new RuleBaseException(List.of(new RuleBaseException.Problem(dir.toString(), 0, 0, "rules_unreadable",
          "cannot list: " + e.getMessage())));
    }
    List<RuleSource> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(new RuleSource(f.toString(), Files.readString(f, StandardCharsets.UTF_8), false));
      } catch (IOException | UncheckedIOException e) {
        throw new RuleBaseException(List.of(new RuleBaseException.Problem(f.toString(), 0, 0, "rules_unreadable",
            "cannot read: " + e.getMessage())));
      }
    }
    return out;
  }
}
