package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.support.RowSample;
import io.sentinelrisk.core.detect.support.Seeds;
import io.sentinelrisk.core.error.InputException;

/**
 * Fits the kernel density: the bandwidth (given, or chosen by {@link KdeBandwidth}) and the
 * reference set, a seeded sample of at most {@code max_train} training rows.
 */
final class KdeTrainer implements DetectorTrainer {
    private final KdeParams params;
    private final long seed;

    KdeTrainer(KdeParams params, long seed) {
        this.params = params;
        this.seed = seed;
    }

    @Override
    public KdeModel fit(Matrix x, int[] labels, int threads) {
        if (x.rows() < 2) {
            throw new InputException("kde: needs at least 2 training rows (each leaves itself out of its own density), found "
                    + x.rows());
        }
        int d = x.cols();
        double h = params.autoBandwidth() ? KdeBandwidth.choose(x, seed, threads) : params.bandwidth();
        int[] reference = RowSample.of(x.rows(), params.maxTrain(), Seeds.derive(seed, 0));
        double[] points = new double[reference.length * d];
        for (int j = 0; j < reference.length; j++) {
            System.arraycopy(x.data(), reference[j] * d, points, j * d, d);
        }
        return new KdeModel(d, h, points, x.rows(), reference);
    }
}
