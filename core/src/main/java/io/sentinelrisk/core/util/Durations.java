package io.sentinelrisk.core.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as users write them: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT24H}. */
public final class Durations {
    private Durations() {
    }

    /** The duration in milliseconds, or -1 when {@code text} is not a positive duration. */
    public static long parseMillis(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                long ms = Duration.parse(t.toUpperCase(Locale.ROOT)).toMillis();
                return ms > 0 ? ms : -1;
            } catch (DateTimeParseException | ArithmeticException e) {
                return -1;
            }
        }
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 's' -> 1_000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> -1;
        };
        if (unit < 0) {
            return -1;
        }
        try {
            double v = Double.parseDouble(t.substring(0, t.length() - 1));
            double ms = v * unit;
            return Double.isFinite(ms) && ms >= 1 && ms < Long.MAX_VALUE / 4 ? Math.round(ms) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Short text of a duration: {@code 24h}, {@code 30m}, {@code 90s}, {@code 1500ms}. */
    public static String format(long ms) {
        if (ms % 86_400_000L == 0 && ms >= 7 * 86_400_000L) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
