package io.drvguard.adapters.inf;

/**
 * One comma-separated field of an INF line.
 *
 * @param value the field after unquoting ({@code ""} inside quotes is one {@code "}), trimming of
 *     unquoted blanks at both ends, and {@code %strkey%}/{@code %%} substitution
 * @param raw the field as written, trimmed
 * @param quoted true when any part of the field was written in double quotes
 */
public record InfField(String value, String raw, boolean quoted) {}
