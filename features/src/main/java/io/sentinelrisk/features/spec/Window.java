package io.sentinelrisk.features.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which past events of the entity an aggregate looks at. Both kinds only ever see the entity's
 * history: events strictly earlier than the event being computed (see docs/features.md).
 */
public sealed interface Window {

    /** The history events with timestamp in {@code [t - millis, t)}. */
    record Time(long millis) implements Window {
        @Override
        public String toString() {
            return Durations.format(millis);
        }
    }

    /** The {@code events} most recent history events, ordered by (timestamp, input position). */
    record Events(int events) implements Window {
        @Override
        public String toString() {
            return events + " events";
        }
    }

    Pattern EVENTS = Pattern.compile("(?:last\\s+)?(\\d+)\\s*(?:events?|rows?)");

    /** Parses {@code 24h}, {@code 7 days}, {@code 20 events}, {@code last 20 events}; null if it does not parse. */
    static Window parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = EVENTS.matcher(t);
        if (m.matches()) {
            try {
                int n = Integer.parseInt(m.group(1));
                return n >= 1 && n <= 1_000_000 ? new Events(n) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long ms = Durations.parseMillis(t);
        return ms > 0 ? new Time(ms) : null;
    }
}
