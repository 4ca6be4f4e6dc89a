package io.drvguard.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a rule's Markdown doc. A bundled rule's doc is bundled in the rules jar (from
 * {@code rules/docs/<RuleId>.md}); an author's rule's doc is {@code docs/<RuleId>.md} in the folder of
 * its DRL file or a folder above it, up to the {@code --rules} folder it was found in. An author's
 * rule that replaces a bundled one gets only a doc of its own: the bundled doc describes the
 * condition the author replaced.
 *
 * <p>A doc is help, never input: a missing or unreadable doc is simply absent, and nothing here
 * throws. Docs are read once and kept.
 */
public final class RuleDocs {
  /** Where the bundled docs are on the classpath. */
  public static final String BUNDLED_DIR = "drvguard/rules/docs/";
  /** The folder, beside an author's DRL files, that holds their docs. */
  public static final String AUTHOR_DIR = "docs";

  private final List<Path> ruleDirs;
  private final Map<String, Optional<RuleDoc>> cache = new ConcurrentHashMap<>();

  private RuleDocs(List<Path> ruleDirs) {
    this.ruleDirs = ruleDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** Docs of the bundled rules and of author rules whose folder is unknown (looked up beside the DRL only). */
  public static RuleDocs bundled() {
    return new RuleDocs(List.of());
  }

  /** Docs of the bundled rules and of the rules found under {@code ruleDirs} ({@code --rules}). */
  public static RuleDocs withRuleDirs(List<Path> ruleDirs) {
    return new RuleDocs(ruleDirs);
  }

  /** The doc of {@code rule}, or empty when it has none. */
  public Optional<RuleDoc> of(RuleMetadata rule) {
    return cache.computeIfAbsent(rule.source() + '\0' + rule.id(), k -> find(rule));
  }

  /** The doc of the bundled rule {@code ruleId}, or empty. */
  public static Optional<RuleDoc> bundled(String ruleId) {
    if (!safeName(ruleId)) {
      return Optional.empty();
    }
    String path = BUNDLED_DIR + ruleId + ".md";
    try (InputStream in = RuleDocs.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? Optional.empty()
          : Optional.of(new RuleDoc(ruleId, new String(in.readAllBytes(), StandardCharsets.UTF_8), path, true));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<RuleDoc> find(RuleMetadata rule) {
    if (rule.source().equals("bundled")) {
      return bundled(rule.id());
    }
    if (!safeName(rule.id())) {
      return Optional.empty();
    }
    Path dir;
    try {
      dir = Path.of(rule.source()).toAbsolutePath().normalize().getParent();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    Path top = ruleDirs.stream().filter(d -> dir != null && dir.startsWith(d)).findFirst().orElse(dir);
    for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
      Path file = d.resolve(AUTHOR_DIR).resolve(rule.id() + ".md");
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(new RuleDoc(rule.id(), Files.readString(file, StandardCharsets.UTF_8), file.toString(),
              false));
        } catch (IOException | UncheckedIOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** A rule id used as a file name must not walk out of the docs folder. */
  private static boolean safeName(String id) {
    return id != null && !id.isEmpty() && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
  }
}
