package io.sentinelrisk.core.metrics;

import io.sentinelrisk.core.util.Stats;

/**
 * A cut-off at a percentile of the scores themselves, as one writes it with numpy:
 * {@code threshold = np.percentile(scores, p)} (linear interpolation) and
 * {@code predicted = scores >= threshold}. At p = 99 about the top 1% of rows are flagged.
 */
public record PercentileThreshold(double percentile, double threshold) {

    /** The threshold at {@code percentile} (0–100) of the non-NaN scores. */
    public static PercentileThreshold of(double[] scores, double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], found " + percentile);
        }
        return new PercentileThreshold(percentile, Stats.quantileSorted(Stats.sortedFinite(scores), percentile / 100));
    }

    /** True for each score at or above the threshold. */
    public boolean[] flag(double[] scores) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] >= threshold;
        }
        return out;
    }
}
