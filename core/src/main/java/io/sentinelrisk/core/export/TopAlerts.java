package io.sentinelrisk.core.export;

import io.sentinelrisk.core.metrics.RankingMetrics;

/** Picks the rows to alert on: highest scores first, ties in row order. */
public final class TopAlerts {
    private TopAlerts() {
    }

    /** The {@code n} rows with the highest scores (fewer if there are fewer rows). */
    public static int[] select(double[] scores, int n) {
        int[] order = RankingMetrics.descending(scores);
        int k = Math.min(n, order.length);
        int[] out = new int[k];
        System.arraycopy(order, 0, out, 0, k);
        return out;
    }
}
