package io.sentinelrisk.features.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in a spec: {@code 90s}, {@code 30m}, {@code 1h}, {@code 24h},
 * {@code 7d}, {@code 2w}, {@code 500ms}, or spelled out ({@code 24 hours}, {@code 7 days}).
 * Months and years are refused on purpose: their length varies, so a window of "1 month" would
 * not mean the same thing in every engine.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]+)");

    private Durations() {
    }

    /** Milliseconds, or -1 when the text is not a duration. */
    public static long parseMillis(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
        long unit = switch (m.group(2)) {
            case "ms", "millisecond", "milliseconds" -> 1L;
            case "s", "sec", "secs", "second", "seconds" -> 1_000L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
            case "d", "day", "days" -> 86_400_000L;
            case "w", "week", "weeks" -> 7 * 86_400_000L;
            default -> -1L;
        };
        if (unit < 0 || n <= 0 || n > Long.MAX_VALUE / unit / 4) {
            return -1;
        }
        return n * unit;
    }

    /** The shortest exact spelling: 604800000 → "7d", 5400000 → "90m". */
    public static String format(long millis) {
        if (millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1_000L == 0) {
            return millis / 1_000L + "s";
        }
        return millis + "ms";
    }
}
