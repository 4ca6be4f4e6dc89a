package io.drvguard.engine;

/**
 * The text of one DRL file. {@code name} is what messages show (a classpath path for bundled
 * rules, the file path for external ones); {@code source} is {@code bundled} or that path.
 */
public record RuleSource(String name, String text, boolean bundled) {
  public String source() {
    return bundled ? "bundled" : name;
  }
}
