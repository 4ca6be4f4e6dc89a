package io.drvguard.library;

import io.drvguard.engine.RequirementCatalog;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleBaseException;
import io.drvguard.engine.RuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy author's rule folders beside (or instead of) the bundled rules: each folder's
 * {@code .drl} files, and the requirement ids its {@code requirements.tsv} declares. A rule with a
 * bundled rule's {@code @id} replaces it (the engine decides that when it builds the rule base).
 */
public final class RuleDirectories {
  /** An external rule folder may declare its own requirement ids in this file. */
  public static final String AUTHOR_REQUIREMENTS = "requirements.tsv";

  private RuleDirectories() {}

  /** The bundled rules (unless {@code bundled} is false) followed by the rules of each of {@code dirs}; may be empty. */
  public static List<RuleSource> sources(boolean bundled, List<Path> dirs) throws RuleBaseException {
    List<RuleSource> sources = new ArrayList<>(bundled ? RuleBase.bundledSources() : List.of());
    for (Path dir : dirs) {
      sources.addAll(RuleSource.directory(dir));
    }
    return sources;
  }

  /** The bundled requirements extended with those the {@code requirements.tsv} of each of {@code dirs} declares. */
  public static RequirementCatalog catalog(List<Path> dirs) throws RuleBaseException {
    RequirementCatalog catalog = RequirementCatalog.bundled();
    for (Path dir : dirs) {
      Path declared = dir.resolve(AUTHOR_REQUIREMENTS);
      if (Files.isRegularFile(declared)) {
        catalog = catalog.extendedWith(declared);
      }
    }
    return catalog;
  }
}
