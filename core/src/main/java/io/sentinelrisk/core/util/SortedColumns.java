package io.sentinelrisk.core.util;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The non-NaN values of some columns, each sorted once ({@link Stats#sortedFinite}), for the
 * trainers that read the same training columns: the preparation's fill values, the explainer's
 * medians and scales and the drift profile's percentiles all come from one sort of a column
 * instead of two selections and a sort. Known by the identity of the column's array; filled
 * before it is shared, so threads may read it.
 */
public final class SortedColumns {
    private final Map<double[], double[]> sorted = new IdentityHashMap<>();

    /** Sorts {@code columns}, on up to {@code threads} threads. */
    public static SortedColumns of(java.util.List<double[]> columns, int threads) {
        double[][] out = new double[columns.size()][];
        Parallel.forRange(columns.size(), threads, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Stats.sortedFinite(columns.get(i));
            }
        });
        SortedColumns s = new SortedColumns();
        for (int i = 0; i < out.length; i++) {
            s.sorted.put(columns.get(i), out[i]);
        }
        return s;
    }

    /** The sorted non-NaN values of {@code values}: the ones sorted before when it is one of the columns, else sorted now. */
    public double[] of(double[] values) {
        double[] s = sorted.get(values);
        return s != null ? s : Stats.sortedFinite(values);
    }

    /** Whether {@code values} is one of the columns sorted before. */
    public boolean has(double[] values) {
        return sorted.containsKey(values);
    }
}
