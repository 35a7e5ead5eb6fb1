package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.data.Matrix;

import java.util.SplittableRandom;

/**
 * Seeded test data: Gaussian inliers (correlated pairs, so that a detector must look at more
 * than one feature at a time to do well) and a few planted outliers far from them.
 *
 * @param x      all rows, outliers at the end
 * @param labels 1 for the planted outliers
 */
public record PlantedData(Matrix x, int[] labels, int outliers) {

    public static PlantedData generate(long seed, int inliers, int outliers, int d) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = inliers + outliers;
        double[] data = new double[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < inliers; i++) {
            for (int j = 0; j < d; j++) {
                double g = gaussian(rnd);
                data[i * d + j] = (j % 2 == 1) ? 0.8 * data[i * d + j - 1] + 0.6 * g : g;
            }
        }
        for (int i = inliers; i < n; i++) {
            labels[i] = 1;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                data[i * d + j] = gaussian(rnd);
                norm += data[i * d + j] * data[i * d + j];
            }
            double radius = 8 + rnd.nextDouble() * 2;
            for (int j = 0; j < d; j++) {
                data[i * d + j] *= radius / Math.sqrt(norm);
            }
        }
        return new PlantedData(new Matrix(n, d, data), labels, outliers);
    }

    public static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** ROC AUC of {@code scores} against {@code labels}: the product's one implementation. */
    public static double rocAuc(double[] scores, int[] labels) {
        return io.sentinelrisk.core.metrics.RankingMetrics.rocAuc(scores, labels);
    }
}
