package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.util.SortedSearch;

/** numpy's equal-width histogram, reproduced so that bins match PyOD's to the last bit. */
final class Histogram {
    private Histogram() {
    }

    /** {@code numpy.histogram_bin_edges(x, bins)}: linspace over [min, max], widened by 0.5 when constant. */
    static double[] edges(double[] x, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double step = (hi - lo) / bins;
        double[] e = new double[bins + 1];
        for (int k = 0; k < bins; k++) {
            e[k] = k * step + lo;
        }
        e[bins] = hi;
        return e;
    }

    /** Counts per bin: bin k holds edges[k] ≤ v &lt; edges[k+1], the last bin also holds its right edge. */
    static long[] counts(double[] x, double[] edges) {
        int bins = edges.length - 1;
        long[] c = new long[bins];
        for (double v : x) {
            int k = countAtMost(edges, v) - 1;
            if (k >= bins) {
                k = bins - 1;
            }
            if (k >= 0) {
                c[k]++;
            }
        }
        return c;
    }

    /** How many edges are ≤ v. */
    static int countAtMost(double[] edges, double v) {
        return SortedSearch.countAtMost(edges, v);
    }
}
