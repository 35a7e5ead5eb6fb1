package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

/**
 * The batch scoring loop shared by detectors whose rows are scored independently: each row's
 * score is written by index, so the result does not depend on the thread count.
 */
public final class BatchScoring {
    private BatchScoring() {
    }

    /** Fails with an InputException unless {@code found == expected}. */
    public static void checkFeatures(String type, int expected, int found) {
        if (expected != found) {
            throw new InputException(type + ": expected rows of " + expected + " prepared features, found " + found);
        }
    }

    /** Checks the matrix width and the output length, then scores every row in parallel. */
    public static void score(String type, int features, Matrix x, double[] out, int threads, int minChunk, RowScorer scorer) {
        checkFeatures(type, features, x.cols());
        if (out.length < x.rows()) {
            throw new IllegalArgumentException("output has " + out.length + " slots for " + x.rows() + " rows");
        }
        double[] data = x.data();
        int cols = x.cols();
        Parallel.forRange(x.rows(), threads, minChunk, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = scorer.score(data, i * cols);
            }
        });
    }

    /** Scores one row through the same scorer, checking its length. */
    public static double scoreRow(String type, int features, double[] row, RowScorer scorer) {
        checkFeatures(type, features, row.length);
        return scorer.score(row, 0);
    }
}
