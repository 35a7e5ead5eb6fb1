package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.RowSample;
import io.sentinelrisk.core.detect.support.Seeds;
import io.sentinelrisk.core.util.Parallel;

/**
 * {@code bandwidth: auto}: one h for all features, the value of {@link #GRID} under which a
 * held-out part of the training rows is most likely. A seeded sample of at most
 * {@value #MAX_ROWS} training rows is split: a seeded 20% (at least one row) held out, the rest
 * the reference set of the density; the score of h is the mean log density of the held-out rows
 * (each floored at {@value #LOG_FLOOR}); the highest wins, the smaller h on a tie. No labels are
 * read.
 */
final class KdeBandwidth {
    /** numpy's {@code geomspace(0.02, 20, 31)}, digit for digit. */
    static final double[] GRID = {
            0.02, 0.025178508235883353, 0.03169786384922227, 0.0399052462993776, 0.050237728630191596,
            0.0632455532033676, 0.07962143411069947, 0.10023744672545448, 0.1261914688960387, 0.15886564694485633,
            0.2, 0.2517850823588335, 0.31697863849222285, 0.399052462993776, 0.5023772863019162,
            0.6324555320336759, 0.7962143411069947, 1.0023744672545452, 1.2619146889603867, 1.5886564694485636,
            2.0000000000000004, 2.517850823588335, 3.1697863849222285, 3.9905246299377626, 5.023772863019165,
            6.324555320336759, 7.962143411069948, 10.023744672545451, 12.619146889603874, 15.886564694485646,
            20.0};
    /** At most this many training rows take part in the choice. */
    static final int MAX_ROWS = 5_000;
    /** A held-out row's log density counts at least this much (a row far from every reference row). */
    static final double LOG_FLOOR = -1e300;
    /** Held-out rows per parallel task: each costs |reference| × 31 exponentials. */
    private static final int MIN_CHUNK = 8;

    private KdeBandwidth() {
    }

    /** The bandwidth for {@code x}, drawing the rows with streams of {@code seed}. */
    static double choose(Matrix x, long seed, int threads) {
        int[] rows = RowSample.of(x.rows(), MAX_ROWS, Seeds.derive(seed, 1));
        int k = rows.length;
        boolean[] held = new boolean[k];
        for (int p : RowSample.of(k, Math.max(1, k / 5), Seeds.derive(seed, 2))) {
            held[p] = true;
        }
        int d = x.cols();
        int heldCount = Math.max(1, k / 5);
        double[] heldRows = new double[heldCount * d];
        double[] refRows = new double[(k - heldCount) * d];
        for (int p = 0, h = 0, r = 0; p < k; p++) {
            if (held[p]) {
                System.arraycopy(x.data(), rows[p] * d, heldRows, h++ * d, d);
            } else {
                System.arraycopy(x.data(), rows[p] * d, refRows, r++ * d, d);
            }
        }
        return chooseFrom(heldRows, heldCount, refRows, k - heldCount, d, threads);
    }

    /**
     * The bandwidth of {@link #GRID} with the highest mean log density of the {@code heldCount}
     * row-major {@code held} rows under the density of the {@code refCount} {@code ref} rows; the
     * first (smaller) on a tie.
     */
    static double chooseFrom(double[] held, int heldCount, double[] ref, int refCount, int d, int threads) {
        double[] mean = meanLogLikelihoods(held, heldCount, ref, refCount, d, threads);
        int best = 0;
        for (int b = 1; b < mean.length; b++) {
            if (mean[b] > mean[best]) {
                best = b;
            }
        }
        return GRID[best];
    }

    /**
     * For every bandwidth of {@link #GRID}: the mean over the held-out rows of their log density
     * (floored at {@value #LOG_FLOOR}) under the reference rows. The per-row values are summed in
     * row order, whatever the threads.
     */
    static double[] meanLogLikelihoods(double[] held, int heldCount, double[] ref, int refCount, int d, int threads) {
        int g = GRID.length;
        double[] mean = new double[g];
        if (refCount < 1) {
            return mean;
        }
        KdeDensity density = new KdeDensity(ref, refCount, d);
        double[] perRow = new double[heldCount * g];
        Parallel.forRange(heldCount, threads, MIN_CHUNK, (from, to) -> {
            double[] scratch = new double[refCount];
            for (int i = from; i < to; i++) {
                density.logDensities(held, i * d, GRID, perRow, i * g, scratch);
            }
        });
        for (int b = 0; b < g; b++) {
            double total = 0;
            for (int i = 0; i < heldCount; i++) {
                total += Math.max(perRow[i * g + b], LOG_FLOOR);
            }
            mean[b] = total / heldCount;
        }
        return mean;
    }
}
