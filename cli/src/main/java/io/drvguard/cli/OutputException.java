package io.drvguard.cli;

import java.io.IOException;

/**
 * The report cannot be written where the user asked (exit status 2, {@code output_error}): the
 * destination is a directory, a device or one of the inputs, or writing it failed half-way. The
 * message names the destination and says what was kept.
 */
final class OutputException extends IOException {
  OutputException(String message) {
    super(message);
  }

  OutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
