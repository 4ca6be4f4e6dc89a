package io.drvguard.cli;

import io.drvguard.engine.RuleDoc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Where drvguard's pages live, for links in reports: the project's home (the POM's
 * {@code drvguard.url}, written into the jar at build time) and the bundled rule docs in its
 * source tree, at the tag of this release, or on {@code main} for a snapshot build (no tag).
 */
record ProjectHome(String home, String version) {
  static ProjectHome current() {
    Properties p = new Properties();
    try (InputStream in = ProjectHome.class.getResourceAsStream("project.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String home = p.getProperty("home", "");
    // unfiltered (run from an IDE without the build): no link is better than a broken one
    return new ProjectHome(home.startsWith("https://") ? home : "", p.getProperty("version", "dev"));
  }

  Optional<String> informationUri() {
    return home.isEmpty() ? Optional.empty() : Optional.of(home);
  }

  /**
   * The page of a bundled rule's doc. An author's rule has none: its doc lives in the author's
   * folder, which has no address drvguard knows.
   */
  Optional<String> helpUri(RuleDoc doc) {
    if (home.isEmpty() || !doc.bundled()) {
      return Optional.empty();
    }
    String ref = version.endsWith("-SNAPSHOT") || version.equals("dev") || version.startsWith("$") ? "main" : "v" + version;
    return Optional.of(home + "/blob/" + ref + "/rules/docs/" + doc.ruleId() + ".md");
  }
}
