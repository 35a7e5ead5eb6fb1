package io.sentinelrisk.features.spec;

import java.time.LocalDate;
import java.util.Locale;

/**
 * How the timestamp column is written. Every engine keeps event times as UTC epoch milliseconds
 * (finer digits are truncated), so that windows and ties mean the same in SQL and in streaming.
 * {@link #parseMillis} is the streaming side's parser; the batch side asks DuckDB to parse with
 * the same rules, and tests check that the two agree.
 */
public sealed interface TimestampFormat {

    /** ISO-8601-like text: {@code 2024-01-31}, {@code 2024-01-31 13:45:00.250}, {@code 2024-01-31T13:45:00Z}, {@code …+02:00}. No zone = UTC. */
    record Iso() implements TimestampFormat {
        public String id() {
            return "iso";
        }
    }

    /** Seconds since 1970-01-01T00:00:00Z, possibly fractional. */
    record EpochSeconds() implements TimestampFormat {
        public String id() {
            return "epoch_s";
        }
    }

    /** Milliseconds since 1970-01-01T00:00:00Z. */
    record EpochMillis() implements TimestampFormat {
        public String id() {
            return "epoch_ms";
        }
    }

    /**
     * A strptime pattern such as {@code %m/%d/%Y %H:%M:%S} (the CERT logs' format), UTC. Supported
     * codes: %Y %y %m %d %H %I %M %S %f %p %b %z %%.
     */
    record Strptime(String pattern) implements TimestampFormat {
        public String id() {
            return pattern;
        }
    }

    String id();

    /** Parses {@code iso}, {@code epoch_s}, {@code epoch_ms} or a pattern containing {@code %}; null if none of these. */
    static TimestampFormat parse(String text) {
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "iso", "iso8601", "iso-8601", "auto" -> {
                return new Iso();
            }
            case "epoch_s", "epoch", "epoch_seconds", "unix", "seconds" -> {
                return new EpochSeconds();
            }
            case "epoch_ms", "epoch_millis", "millis", "milliseconds" -> {
                return new EpochMillis();
            }
            default -> {
                if (t.indexOf('%') < 0) {
                    return null;
                }
                String bad = Strptimes.unsupported(t);
                return bad == null ? new Strptime(t) : null;
            }
        }
    }

    /**
     * Epoch milliseconds of {@code text}, or {@link Long#MIN_VALUE} when it does not parse. Empty
     * text does not parse either: an event without a time cannot be placed in a window.
     */
    default long parseMillis(String text) {
        if (text == null) {
            return Long.MIN_VALUE;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return Long.MIN_VALUE;
        }
        return switch (this) {
            case Iso iso -> IsoTimes.parse(t);
            case EpochSeconds s -> {
                double v = parseNumber(t);
                yield Double.isFinite(v) ? Math.round(v * 1000.0) : Long.MIN_VALUE;
            }
            case EpochMillis ms -> {
                double v = parseNumber(t);
                yield Double.isFinite(v) ? Math.round(v) : Long.MIN_VALUE;
            }
            case Strptime p -> Strptimes.parse(p.pattern(), t);
        };
    }

    private static double parseNumber(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The ISO parser. */
    final class IsoTimes {
        private IsoTimes() {
        }

        static long parse(String s) {
            int[] pos = {0};
            int year = digits(s, pos, 4, 4);
            if (year < 0 || !expect(s, pos, '-')) {
                return Long.MIN_VALUE;
            }
            int month = digits(s, pos, 1, 2);
            if (month < 1 || month > 12 || !expect(s, pos, '-')) {
                return Long.MIN_VALUE;
            }
            int day = digits(s, pos, 1, 2);
            if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
                return Long.MIN_VALUE;
            }
            long millisOfDay = 0;
            if (pos[0] < s.length()) {
                char sep = s.charAt(pos[0]);
                if (sep != 'T' && sep != 't' && sep != ' ') {
                    return Long.MIN_VALUE;
                }
                pos[0]++;
                int hour = digits(s, pos, 1, 2);
                if (hour < 0 || hour > 24 || !expect(s, pos, ':')) {
                    return Long.MIN_VALUE;
                }
                int minute = digits(s, pos, 2, 2);
                if (minute < 0 || minute > 59) {
                    return Long.MIN_VALUE;
                }
                int second = 0;
                int millis = 0;
                if (pos[0] < s.length() && s.charAt(pos[0]) == ':') {
                    pos[0]++;
                    second = digits(s, pos, 2, 2);
                    if (second < 0 || second > 60) {
                        return Long.MIN_VALUE;
                    }
                    if (pos[0] < s.length() && s.charAt(pos[0]) == '.') {
                        pos[0]++;
                        int start = pos[0];
                        int frac = 0;
                        while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
                            if (pos[0] - start < 3) {
                                frac = frac * 10 + (s.charAt(pos[0]) - '0');
                            }
                            pos[0]++;
                        }
                        int n = pos[0] - start;
                        if (n == 0) {
                            return Long.MIN_VALUE;
                        }
                        for (int i = Math.min(n, 3); i < 3; i++) {
                            frac *= 10;
                        }
                        millis = frac;
                    }
                }
                if (hour == 24 && (minute != 0 || second != 0 || millis != 0)) {
                    return Long.MIN_VALUE;
                }
                millisOfDay = ((hour * 60L + minute) * 60L + second) * 1000L + millis;
            }
            while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
                pos[0]++;
            }
            long offsetMillis = 0;
            if (pos[0] < s.length()) {
                char z = s.charAt(pos[0]);
                if ((z == 'Z' || z == 'z') && pos[0] + 1 == s.length()) {
                    pos[0]++;
                } else if (z == '+' || z == '-') {
                    pos[0]++;
                    int oh = digits(s, pos, 2, 2);
                    if (oh < 0 || oh > 23) {
                        return Long.MIN_VALUE;
                    }
                    int om = 0;
                    if (pos[0] < s.length()) {
                        if (s.charAt(pos[0]) == ':') {
                            pos[0]++;
                        }
                        om = digits(s, pos, 2, 2);
                        if (om < 0 || om > 59) {
                            return Long.MIN_VALUE;
                        }
                    }
                    offsetMillis = (oh * 60L + om) * 60_000L * (z == '-' ? -1 : 1);
                } else {
                    return Long.MIN_VALUE;
                }
            }
            if (pos[0] != s.length()) {
                return Long.MIN_VALUE;
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return days * 86_400_000L + millisOfDay - offsetMillis;
        }

        static int digits(String s, int[] pos, int min, int max) {
            int v = 0;
            int n = 0;
            while (n < max && pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
                v = v * 10 + (s.charAt(pos[0]) - '0');
                pos[0]++;
                n++;
            }
            return n >= min ? v : -1;
        }

        static boolean expect(String s, int[] pos, char c) {
            if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
                pos[0]++;
                return true;
            }
            return false;
        }
    }

    /** The strptime subset parser. */
    final class Strptimes {
        private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

        private Strptimes() {
        }

        /** The first unsupported code in the pattern, or null. */
        static String unsupported(String pattern) {
            for (int i = 0; i < pattern.length(); i++) {
                if (pattern.charAt(i) == '%') {
                    if (i + 1 >= pattern.length()) {
                        return "%";
                    }
                    char c = pattern.charAt(++i);
                    if ("YymdHIMSfpbz%".indexOf(c) < 0) {
                        return "%" + c;
                    }
                }
            }
            return null;
        }

        static long parse(String pattern, String s) {
            int[] pos = {0};
            int year = 1970;
            int month = 1;
            int day = 1;
            int hour = 0;
            int minute = 0;
            int second = 0;
            int millis = 0;
            int pm = -1;
            long offset = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char p = pattern.charAt(i);
                if (p != '%') {
                    if (p == ' ') {
                        while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
                            pos[0]++;
                        }
                        continue;
                    }
                    if (!IsoTimes.expect(s, pos, p)) {
                        return Long.MIN_VALUE;
                    }
                    continue;
                }
                char c = pattern.charAt(++i);
                switch (c) {
                    case 'Y' -> year = IsoTimes.digits(s, pos, 4, 4);
                    case 'y' -> {
                        int y = IsoTimes.digits(s, pos, 1, 2);
                        year = y < 0 ? -1 : (y < 69 ? 2000 + y : 1900 + y);
                    }
                    case 'm' -> month = IsoTimes.digits(s, pos, 1, 2);
                    case 'd' -> day = IsoTimes.digits(s, pos, 1, 2);
                    case 'H', 'I' -> hour = IsoTimes.digits(s, pos, 1, 2);
                    case 'M' -> minute = IsoTimes.digits(s, pos, 1, 2);
                    case 'S' -> second = IsoTimes.digits(s, pos, 1, 2);
                    case 'f' -> {
                        int start = pos[0];
                        int frac = 0;
                        while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0])) && pos[0] - start < 6) {
                            if (pos[0] - start < 3) {
                                frac = frac * 10 + (s.charAt(pos[0]) - '0');
                            }
                            pos[0]++;
                        }
                        int n = pos[0] - start;
                        if (n == 0) {
                            return Long.MIN_VALUE;
                        }
                        for (int k = Math.min(n, 3); k < 3; k++) {
                            frac *= 10;
                        }
                        millis = frac;
                    }
                    case 'p' -> {
                        if (pos[0] + 2 > s.length()) {
                            return Long.MIN_VALUE;
                        }
                        String ap = s.substring(pos[0], pos[0] + 2).toLowerCase(Locale.ROOT);
                        if (ap.equals("am")) {
                            pm = 0;
                        } else if (ap.equals("pm")) {
                            pm = 1;
                        } else {
                            return Long.MIN_VALUE;
                        }
                        pos[0] += 2;
                    }
                    case 'b' -> {
                        if (pos[0] + 3 > s.length()) {
                            return Long.MIN_VALUE;
                        }
                        int m = MONTHS.indexOf(s.substring(pos[0], pos[0] + 3).toLowerCase(Locale.ROOT));
                        if (m < 0 || m % 3 != 0) {
                            return Long.MIN_VALUE;
                        }
                        month = m / 3 + 1;
                        pos[0] += 3;
                    }
                    case 'z' -> {
                        if (pos[0] < s.length() && (s.charAt(pos[0]) == 'Z' || s.charAt(pos[0]) == 'z')) {
                            pos[0]++;
                            offset = 0;
                        } else if (pos[0] < s.length() && (s.charAt(pos[0]) == '+' || s.charAt(pos[0]) == '-')) {
                            int sign = s.charAt(pos[0]) == '-' ? -1 : 1;
                            pos[0]++;
                            int oh = IsoTimes.digits(s, pos, 2, 2);
                            if (pos[0] < s.length() && s.charAt(pos[0]) == ':') {
                                pos[0]++;
                            }
                            int om = IsoTimes.digits(s, pos, 2, 2);
                            if (oh < 0 || om < 0) {
                                return Long.MIN_VALUE;
                            }
                            offset = sign * (oh * 60L + om) * 60_000L;
                        } else {
                            return Long.MIN_VALUE;
                        }
                    }
                    case '%' -> {
                        if (!IsoTimes.expect(s, pos, '%')) {
                            return Long.MIN_VALUE;
                        }
                    }
                    default -> {
                        return Long.MIN_VALUE;
                    }
                }
                if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
                    return Long.MIN_VALUE;
                }
            }
            if (pos[0] != s.length()) {
                return Long.MIN_VALUE;
            }
            if (pm >= 0) {
                if (hour < 1 || hour > 12) {
                    return Long.MIN_VALUE;
                }
                hour = hour % 12 + (pm == 1 ? 12 : 0);
            }
            if (month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                    || hour > 23 || minute > 59 || second > 59) {
                return Long.MIN_VALUE;
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return days * 86_400_000L + ((hour * 60L + minute) * 60L + second) * 1000L + millis - offset;
        }
    }
}
