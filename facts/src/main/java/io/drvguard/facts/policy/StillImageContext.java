package io.drvguard.facts.policy;

import io.drvguard.facts.security.Token;
import io.drvguard.facts.security.TokenPreset;

/**
 * One caller context of a user-mode still-image minidriver (STI-1) and the account it runs as:
 * {@code application} (the interactive user) or {@code eventMonitor} (the still-image event
 * monitor's service account), as a manifest's {@code sharedBetween} names them.
 *
 * @param id {@code application} or {@code eventMonitor}
 * @param account the account the context runs as ({@code policy.stillImageApplication},
 *     {@code policy.stillImageEventMonitor})
 */
public record StillImageContext(String id, TokenPreset account) {
  public static final String APPLICATION = "application";
  public static final String EVENT_MONITOR = "eventMonitor";

  /** The account's representative token. */
  public Token token() {
    return account.token();
  }

  /** {@code application (interactive user)}. */
  public String text() {
    return id + " (" + account.who() + ")";
  }
}
