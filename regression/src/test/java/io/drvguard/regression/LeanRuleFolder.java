package io.drvguard.regression;

import io.drvguard.engine.RuleBaseException;
import io.drvguard.library.Drvguard;
import java.nio.file.Path;

/**
 * Builds with the rule folder {@code args[0]}, for {@link LeanEmbeddingTest}: prints what the
 * build says and exits 2 when it fails, as the command line does.
 */
public final class LeanRuleFolder {
  private LeanRuleFolder() {}

  public static void main(String[] args) throws Exception {
    try {
      Drvguard.builder().rules(Path.of(args[0])).build();
      System.out.println("built");
    } catch (RuleBaseException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
