package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.Params;

import java.util.List;

/**
 * Range checks on validated {@link Params} that the parameter kinds cannot express (e.g. "an
 * integer ≥ 1"). Every failure is a {@link ConfigException} naming the parameter and the detector.
 */
public final class ParamChecks {
    private final Params params;
    private final String context;

    private ParamChecks(Params params, String context) {
        this.params = params;
        this.context = context;
    }

    /** Checks for the parameters of detector {@code type}. */
    public static ParamChecks of(Params params, String type) {
        return new ParamChecks(params, "detector (" + type + ")");
    }

    public int intAtLeast(String name, int min) {
        int v = params.getInt(name);
        if (v < min) {
            throw fail(name, "an integer ≥ " + min, String.valueOf(v));
        }
        return v;
    }

    public double doubleIn(String name, double min, boolean minInclusive, double max, boolean maxInclusive) {
        double v = params.getDouble(name);
        boolean ok = (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
        if (!ok) {
            throw fail(name, "a number in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max)
                    + (maxInclusive ? "]" : ")"), fmt(v));
        }
        return v;
    }

    public double doubleAtLeast(String name, double min, boolean inclusive) {
        return doubleIn(name, min, inclusive, Double.POSITIVE_INFINITY, false);
    }

    public List<Integer> intListAllAtLeast(String name, int min, int minSize) {
        List<Integer> v = params.getIntList(name);
        if (v.size() < minSize) {
            throw fail(name, "a list of at least " + minSize + " integer(s)", "a list of " + v.size());
        }
        for (int x : v) {
            if (x < min) {
                throw fail(name, "a list of integers ≥ " + min, v.toString());
            }
        }
        return v;
    }

    /** A ConfigException for parameter {@code name}: what was expected, what was found. */
    public ConfigException fail(String name, String expected, String found) {
        return new ConfigException("'" + name + "' in " + context + ": expected " + expected + ", found " + found);
    }

    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }
}
