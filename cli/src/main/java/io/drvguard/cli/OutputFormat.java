package io.drvguard.cli;

/** Values of {@code --format}. */
enum OutputFormat {
  text,
  json,
  sarif,
  junit
}
