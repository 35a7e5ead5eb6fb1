package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.config.ConfigException;

import java.util.List;

/**
 * Range checks for the constructors of detectors' params records. Every failure is a
 * {@link ConfigException} for the key, naming the detector, the allowed range and the value found:
 * {@code 'n_estimators' in detector (iforest): expected an integer ≥ 1, found 0}.
 */
public final class ParamChecks {
    private ParamChecks() {
    }

    public static int intAtLeast(String type, String name, int v, int min) {
        if (v < min) {
            throw fail(type, name, "an integer ≥ " + min, String.valueOf(v));
        }
        return v;
    }

    public static double doubleIn(String type, String name, double v, double min, boolean minInclusive,
                                  double max, boolean maxInclusive) {
        boolean ok = (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
        if (!ok) {
            throw fail(type, name, "a number in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max)
                    + (maxInclusive ? "]" : ")"), fmt(v));
        }
        return v;
    }

    public static double doubleAtLeast(String type, String name, double v, double min, boolean inclusive) {
        if (!(inclusive ? v >= min : v > min) || Double.isNaN(v)) {
            throw fail(type, name, "a number " + (inclusive ? "≥ " : "> ") + fmt(min), fmt(v));
        }
        return v;
    }

    public static List<Integer> intListAllAtLeast(String type, String name, List<Integer> v, int min, int minSize) {
        if (v.size() < minSize) {
            throw fail(type, name, "a list of at least " + minSize + " integer(s)", "a list of " + v.size());
        }
        for (int x : v) {
            if (x < min) {
                throw fail(type, name, "a list of integers ≥ " + min, v.toString());
            }
        }
        return List.copyOf(v);
    }

    /** A ConfigException for parameter {@code name} of detector {@code type}: what was expected, what was found. */
    public static ConfigException fail(String type, String name, String expected, String found) {
        return ConfigException.forKey(name, "'" + name + "' in detector (" + type + "): expected " + expected
                + ", found " + found);
    }

    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }
}
