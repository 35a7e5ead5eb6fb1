package io.sentinelrisk.core.data;

import java.util.List;

/**
 * The values of one column, in primitive arrays. A column does not copy its array: whoever
 * builds a {@link Frame} hands the array over and does not touch it again.
 */
public sealed interface Column {
    String name();

    int size();

    boolean isMissing(int row);

    /** The value as the user would write it ("" when missing). */
    String text(int row);

    /** Numbers and booleans (0/1). Missing = NaN. */
    record Numeric(String name, double[] values) implements Column {
        public int size() {
            return values.length;
        }

        public boolean isMissing(int row) {
            return Double.isNaN(values[row]);
        }

        public String text(int row) {
            double v = values[row];
            if (Double.isNaN(v)) {
                return "";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        }
    }

    /** Dictionary-coded labels: {@code dictionary.get(codes[row])}. Missing = -1. */
    record Categorical(String name, int[] codes, List<String> dictionary) implements Column {
        public Categorical {
            dictionary = List.copyOf(dictionary);
        }

        public int size() {
            return codes.length;
        }

        public boolean isMissing(int row) {
            return codes[row] < 0;
        }

        public String text(int row) {
            int c = codes[row];
            return c < 0 ? "" : dictionary.get(c);
        }
    }

    /** Epoch milliseconds, UTC. Missing = {@link #MISSING}. */
    record Timestamp(String name, long[] epochMillis) implements Column {
        public static final long MISSING = Long.MIN_VALUE;

        public int size() {
            return epochMillis.length;
        }

        public boolean isMissing(int row) {
            return epochMillis[row] == MISSING;
        }

        public String text(int row) {
            long v = epochMillis[row];
            return v == MISSING ? "" : java.time.Instant.ofEpochMilli(v).toString();
        }
    }
}
