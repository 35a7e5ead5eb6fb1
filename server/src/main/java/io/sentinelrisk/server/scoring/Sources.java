package io.sentinelrisk.server.scoring;

import io.sentinelrisk.server.error.ApiException;

import java.util.regex.Pattern;

/**
 * Source names: which stream an event belongs to (soc, transactions, web-sessions, metrics, or
 * any name a client sends). Each source may have its own champion; a source without one is scored
 * by the default source's champion.
 */
public final class Sources {
    /** The default source: events sent without {@code ?source=}, and the model of {@code --model FILE}. */
    public static final String DEFAULT = "api";
    public static final int MAX_LENGTH = 200;
    /** Names a model may be registered for on the command line ({@code --model NAME=FILE}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private Sources() {
    }

    /** The {@code source} query parameter: the default when absent or blank, 400 when too long. */
    public static String parameter(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        if (value.length() > MAX_LENGTH) {
            throw ApiException.badRequest("invalid_parameter", "source is longer than " + MAX_LENGTH + " characters", "source");
        }
        return value;
    }

    /** True when {@code name} can be given on the command line (letters, digits, '.', '_', '-'). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
