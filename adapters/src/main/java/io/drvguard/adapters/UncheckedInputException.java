package io.drvguard.adapters;

import java.util.Objects;

/**
 * An {@link InputException} met where a checked exception cannot pass, such as inside an {@link
 * java.util.Iterator} of steps read as they are asked for; catch it and rethrow {@link #getCause()}.
 */
public final class UncheckedInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UncheckedInputException(InputException cause) {
    super(cause.getMessage(), Objects.requireNonNull(cause, "cause"));
  }

  @Override
  public synchronized InputException getCause() {
    return (InputException) super.getCause();
  }
}
