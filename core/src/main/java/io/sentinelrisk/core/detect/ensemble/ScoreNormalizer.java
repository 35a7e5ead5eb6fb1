package io.sentinelrisk.core.detect.ensemble;

import java.util.Arrays;

/**
 * Maps one member's raw scores to a common scale, from statistics of its training scores.
 * {@code ROBUST_Z}: {@code (s - median) / (1.4826 × MAD)}; {@code PERCENTILE}: the fraction of
 * training scores below s, interpolated between up to 1001 stored quantiles.
 *
 * @param stats ROBUST_Z: {median, scale}; PERCENTILE: ascending quantiles
 */
record ScoreNormalizer(Kind kind, double[] stats) {

    enum Kind { ROBUST_Z, PERCENTILE }

    static final int QUANTILES = 1001;

    static ScoreNormalizer fit(Kind kind, double[] trainingScores) {
        double[] s = trainingScores.clone();
        Arrays.sort(s);
        if (kind == Kind.PERCENTILE) {
            int m = Math.min(QUANTILES, s.length);
            double[] q = new double[m];
            for (int k = 0; k < m; k++) {
                q[k] = quantile(s, m == 1 ? 0 : (double) k / (m - 1));
            }
            return new ScoreNormalizer(kind, q);
        }
        double median = quantile(s, 0.5);
        double[] dev = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs(s[i] - median);
        }
        Arrays.sort(dev);
        double scale = 1.4826 * quantile(dev, 0.5);
        if (!(scale > 0)) {
            // more than half the scores are equal: fall back to the mean absolute deviation, then 1
            double mad = 0;
            for (double v : dev) {
                mad += v;
            }
            mad /= dev.length;
            scale = mad > 0 ? 1.2533 * mad : 1;
        }
        return new ScoreNormalizer(kind, new double[] {median, scale});
    }

    /** Linear-interpolated quantile of ascending {@code s} (numpy's default). */
    static double quantile(double[] s, double p) {
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    double apply(double score) {
        if (kind == Kind.ROBUST_Z) {
            return (score - stats[0]) / stats[1];
        }
        double[] q = stats;
        int m = q.length - 1;
        if (m == 0) {
            return score < q[0] ? 0 : 1;
        }
        int atMost = 0;
        int hi = q.length;
        while (atMost < hi) {
            int mid = (atMost + hi) >>> 1;
            if (q[mid] <= score) {
                atMost = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (atMost == 0) {
            return 0;
        }
        if (atMost == q.length) {
            return 1;
        }
        int k = atMost - 1;
        return (k + (score - q[k]) / (q[k + 1] - q[k])) / m;
    }
}
