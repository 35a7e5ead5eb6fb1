package io.sentinelrisk.features.stream;

import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.spec.InputType;

import java.util.Arrays;

/**
 * One event's inputs for {@link StreamingFeatures}, by input slot ({@link StreamingFeatures#slot}).
 * Reuse one row for every event: {@link #clear()}, set the values, process. Numbers and booleans
 * (1/0) live in {@link #nums} (missing = NaN), text in {@link #strs} (missing = null; empty text
 * counts as missing, as in the batch engine).
 */
public final class EventRow {
    long timestamp = Long.MIN_VALUE;
    final double[] nums;
    final String[] strs;
    private final FeaturePlan plan;

    EventRow(FeaturePlan plan) {
        this.plan = plan;
        int n = plan.slots().size();
        this.nums = new double[n];
        this.strs = new String[n];
        clear();
    }

    public void clear() {
        timestamp = Long.MIN_VALUE;
        Arrays.fill(nums, Double.NaN);
        Arrays.fill(strs, null);
    }

    /** The event time in epoch milliseconds (UTC). */
    public EventRow timestamp(long epochMillis) {
        this.timestamp = epochMillis;
        return this;
    }

    public EventRow number(int slot, double value) {
        nums[slot] = Double.isFinite(value) ? value : Double.NaN;
        return this;
    }

    public EventRow bool(int slot, Boolean value) {
        nums[slot] = value == null ? Double.NaN : (value ? 1.0 : 0.0);
        return this;
    }

    public EventRow text(int slot, String value) {
        strs[slot] = value == null || value.isEmpty() ? null : value;
        return this;
    }

    /**
     * Sets a slot from text as it appears in a CSV or JSON field, with the batch engine's rules:
     * numbers parse as doubles, booleans from true/false/t/f/yes/no/y/n/1/0, empty = missing.
     *
     * @return false if the text is not a valid value of the slot's type
     */
    public boolean parse(int slot, String value) {
        InputType type = plan.slots().get(slot).type();
        String t = value == null ? "" : value.trim();
        switch (type) {
            case STRING -> {
                text(slot, value);
                return true;
            }
            case NUMERIC -> {
                if (t.isEmpty()) {
                    nums[slot] = Double.NaN;
                    return true;
                }
                double v = parseNumber(t);
                if (v != v && !isNonFinite(t)) {
                    return false;
                }
                number(slot, v);
                return true;
            }
            case BOOLEAN -> {
                Boolean b = switch (t.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
                    case "false", "f", "no", "n", "0" -> Boolean.FALSE;
                    default -> null;
                };
                if (b == null && !t.isEmpty()) {
                    return false;
                }
                bool(slot, b);
                return true;
            }
            case TIMESTAMP -> {
                long ms = plan.spec().timestampFormat().parseMillis(value);
                if (ms == Long.MIN_VALUE) {
                    return false;
                }
                timestamp = ms;
                return true;
            }
        }
        return false;
    }

    /** A decimal number (digits, sign, point, exponent), or NaN if it is not one. */
    static double parseNumber(String t) {
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

    /** nan, inf, infinity with any sign and case: numbers, but missing ones (as in the batch engine). */
    static boolean isNonFinite(String t) {
        String s = t.toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("nan") || s.equals("inf") || s.equals("infinity");
    }
}
