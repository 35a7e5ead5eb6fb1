package io.sentinelrisk.core.explain;

import io.sentinelrisk.core.data.Matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Global explanation of any detector: the Pearson correlation between each prepared feature
 * and the anomaly score over a set of rows ({@code numpy.corrcoef}). A feature whose high values
 * go with high scores gets a value near +1; one the score ignores, near 0. NaN when the feature
 * or the score is constant over the rows.
 */
public final class ScoreCorrelation {
    private ScoreCorrelation() {
    }

    /** One correlation per column of {@code x}, in column order. */
    public static double[] pearson(Matrix x, double[] scores) {
        if (scores.length != x.rows()) {
            throw new IllegalArgumentException(scores.length + " scores for " + x.rows() + " rows");
        }
        int n = x.rows();
        int d = x.cols();
        double[] data = x.data();
        double[] mean = new double[d];
        double scoreMean = 0;
        for (int i = 0; i < n; i++) {
            scoreMean += scores[i];
            for (int j = 0, o = i * d; j < d; j++) {
                mean[j] += data[o + j];
            }
        }
        scoreMean /= n;
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // second pass on centred values: no cancellation when the means are large
        double[] sxy = new double[d];
        double[] sxx = new double[d];
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dy = scores[i] - scoreMean;
            syy += dy * dy;
            for (int j = 0, o = i * d; j < d; j++) {
                double dx = data[o + j] - mean[j];
                sxy[j] += dx * dy;
                sxx[j] += dx * dx;
            }
        }
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            double den = Math.sqrt(sxx[j]) * Math.sqrt(syy);
            r[j] = den > 0 ? Math.max(-1, Math.min(1, sxy[j] / den)) : Double.NaN;
        }
        return r;
    }

    /** {@link #pearson} with the features' names, in column order. */
    public static List<FeatureWeight> of(Matrix x, double[] scores, List<String> featureNames) {
        double[] r = pearson(x, scores);
        List<FeatureWeight> out = new ArrayList<>(r.length);
        for (int j = 0; j < r.length; j++) {
            out.add(new FeatureWeight(featureNames.get(j), r[j]));
        }
        return out;
    }
}
