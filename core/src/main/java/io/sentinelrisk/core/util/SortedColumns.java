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

    /**
     * Sorts {@code columns}, on up to {@code threads} threads: one run of columns a thread, each
     * run sorting with one pair of key arrays (the columns have one length, so the runs take
     * about as long as one another).
     */
    public static SortedColumns of(java.util.List<double[]> columns, int threads) {
        double[][] out = new double[columns.size()][];
        int perThread = Math.max(1, columns.size() / Math.max(1, threads));   // forRange makes n / perThread runs
        Parallel.forRange(columns.size(), threads, perThread, (from, to) -> {
            DoubleSort.Keys keys = new DoubleSort.Keys();
            for (int i = from; i < to; i++) {
                out[i] = Stats.sortedFinite(columns.get(i), keys);
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
