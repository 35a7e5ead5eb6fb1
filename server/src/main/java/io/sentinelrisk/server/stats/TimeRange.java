package io.sentinelrisk.server.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The span a statistic covers, [from, to) in epoch milliseconds of the server's clock (events'
 * and alerts' arrival), cut into buckets of whole minutes, hours or UTC days; {@code from} is
 * moved back to a bucket boundary so buckets line up with the clock.
 */
public record TimeRange(long from, long to, Bucket bucket) {
    /** The default span: the last 24 hours. */
    public static final long DEFAULT_SPAN_MS = 24L * 3600 * 1000;
    /** The most buckets a range may have (a time series is never longer). */
    public static final int MAX_BUCKETS = 1_000;

    /** Bucket sizes. */
    public enum Bucket {
        MINUTE(60_000L), HOUR(3_600_000L), DAY(86_400_000L);

        public final long millis;

        Bucket(long millis) {
            this.millis = millis;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Bucket parse(String text) {
            for (Bucket b : values()) {
                if (b.id().equals(text)) {
                    return b;
                }
            }
            return null;
        }
    }

    /** A parameter that is out of bounds: its name and what was expected. */
    public static final class InvalidRange extends RuntimeException {
        private final String parameter;

        InvalidRange(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * The range of the query parameters: {@code to} defaults to just after {@code now} (the end is
     * exclusive, and what was stamped in the request's own millisecond, such as a verdict
     * committed just before it, must count), {@code from} to 24 hours before {@code to};
     * {@code bucket} (minute, hour, day) defaults to minutes up to 6 hours, hours up to 10 days,
     * else days.
     */
    public static TimeRange of(Long from, Long to, String bucket, long now) {
        long end = to != null ? to : justAfter(now);
        long start = from != null ? from : end - DEFAULT_SPAN_MS;
        if (start >= end) {
            throw new InvalidRange(from != null ? "from" : "to", "from must be before to");
        }
        Bucket b;
        if (bucket == null) {
            long span = end - start;
            b = span <= 6 * Bucket.HOUR.millis ? Bucket.MINUTE : span <= 10 * Bucket.DAY.millis ? Bucket.HOUR : Bucket.DAY;
        } else {
            b = Bucket.parse(bucket);
            if (b == null) {
                throw new InvalidRange("bucket", "bucket must be one of minute, hour, day");
            }
        }
        long aligned = Math.floorDiv(start, b.millis) * b.millis;
        TimeRange range = new TimeRange(aligned, end, b);
        if (range.buckets() > MAX_BUCKETS) {
            throw new InvalidRange("bucket", "the range holds " + range.buckets() + " " + b.id() + "s; at most " + MAX_BUCKETS
                    + " buckets: give a larger bucket or a shorter range");
        }
        return range;
    }

    /** How many buckets cover the range (the last one may be partial). */
    public int buckets() {
        return (int) Math.min(Integer.MAX_VALUE, (to - from + bucket.millis - 1) / bucket.millis);
    }

    /** The buckets' starts in ISO-8601. */
    public List<String> starts() {
        List<String> out = new ArrayList<>(buckets());
        for (int i = 0; i < buckets(); i++) {
            out.add(Instant.ofEpochMilli(from + i * bucket.millis).toString());
        }
        return out;
    }

    /** The exclusive end of a range that ends now: everything stamped up to {@code now} is in it. */
    public static long justAfter(long now) {
        return now + 1;
    }
}
