package io.sentinelrisk.core.util;

import java.util.Arrays;

/**
 * Quantiles of a stream of doubles in bounded memory: exact while it holds fewer than
 * {@code exact} values, then a deterministic multi-level compactor (Manku, Rajagopalan and
 * Lindsay 1998; the idea KLL refines): a full level of {@code k} values is sorted and every other
 * one, starting alternately at the first and the second, moves up a level with twice the weight.
 * The rank error of a quantile is at most about {@code levels / k} of the count (levels =
 * log2(count / k)): under 0.2% for a billion values with the default {@code k}. Deterministic:
 * the same values in the same order give the same answer.
 */
public final class QuantileSketch {
    /** Values per level of the compactor. */
    public static final int DEFAULT_K = 8192;

    private final int exact;
    private final int k;
    private double[] values = new double[16];
    private int size;
    private double[][] levels;
    private int[] fill;
    private boolean odd;
    private long count;

    /**
     * @param exact keep every value up to this many (then the answer is today's exact one)
     * @param k     values per level once it compacts
     */
    public QuantileSketch(int exact, int k) {
        if (k < 2 || k % 2 != 0) {
            throw new IllegalArgumentException("k must be even and at least 2, got " + k);
        }
        this.exact = Math.max(0, exact);
        this.k = k;
    }

    /** Adds a value (not NaN). */
    public void add(double v) {
        count++;
        if (levels == null) {
            if (size == values.length) {
                if (size >= exact) {
                    startCompacting();
                    insert(0, v);
                    return;
                }
                values = Arrays.copyOf(values, (int) Math.min(exact, Math.max(16L, 2L * size)));
            }
            values[size++] = v;
            return;
        }
        insert(0, v);
    }

    /** Whether every value is still held (the quantiles are exact). */
    public boolean isExact() {
        return levels == null;
    }

    /** The values added. */
    public long count() {
        return count;
    }

    /** The values, sorted, while exact ({@link #isExact}); else null. */
    public double[] sortedValues() {
        if (levels != null) {
            return null;
        }
        double[] out = Arrays.copyOf(values, size);
        Arrays.sort(out);
        return out;
    }

    /** The q-quantile (0..1): exact as {@link Stats#quantileSorted} while exact, else the weighted one; NaN if empty. */
    public double quantile(double q) {
        if (levels == null) {
            return Stats.quantileSorted(sortedValues(), q);
        }
        int n = 0;
        for (int f : fill) {
            n += f;
        }
        double[] v = new double[n];
        long[] w = new long[n];
        Integer[] order = new Integer[n];
        int at = 0;
        for (int h = 0; h < levels.length; h++) {
            for (int i = 0; i < fill[h]; i++) {
                v[at] = levels[h][i];
                w[at] = 1L << h;
                order[at] = at;
                at++;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        long total = 0;
        for (long x : w) {
            total += x;
        }
        double target = q * total;
        long seen = 0;
        for (Integer i : order) {
            seen += w[i];
            if (seen >= target) {
                return v[i];
            }
        }
        return n == 0 ? Double.NaN : v[order[n - 1]];
    }

    private void startCompacting() {
        levels = new double[1][];
        fill = new int[1];
        levels[0] = new double[k];
        double[] held = Arrays.copyOf(values, size);
        values = null;
        size = 0;
        for (double x : held) {
            insert(0, x);
        }
    }

    private void insert(int h, double v) {
        if (h == levels.length) {
            levels = Arrays.copyOf(levels, h + 1);
            fill = Arrays.copyOf(fill, h + 1);
            levels[h] = new double[k];
        }
        levels[h][fill[h]++] = v;
        if (fill[h] == k) {
            double[] full = levels[h];
            Arrays.sort(full);
            fill[h] = 0;
            levels[h] = new double[k];
            odd = !odd;
            for (int i = odd ? 1 : 0; i < k; i += 2) {
                insert(h + 1, full[i]);
            }
        }
    }
}
