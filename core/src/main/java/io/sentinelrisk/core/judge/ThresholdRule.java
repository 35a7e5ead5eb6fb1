package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.metrics.RankingMetrics;

/**
 * Chooses the judge's probability threshold on validation rows. Candidates are the validation
 * probabilities themselves; flagging "probability ≥ candidate" is stored as "probability strictly
 * above the next double below it", the product's is_anomaly convention.
 * <ul>
 * <li>{@code max_f1}: the candidate with the highest F1 on the validation labels; among equal F1,
 * the highest candidate (fewest alerts).</li>
 * <li>{@code min_recall}: the highest candidate whose recall is at least {@code minRecall}.</li>
 * </ul>
 */
public final class ThresholdRule {
    private ThresholdRule() {
    }

    /** The threshold ({@code flag p > t}); 0.5 when the validation rows hold no anomaly. */
    public static double choose(String rule, double minRecall, double[] p, int[] labels) {
        int positives = 0;
        for (int y : labels) {
            positives += y;
        }
        if (positives == 0 || p.length == 0) {
            return 0.5;
        }
        int[] order = RankingMetrics.descending(p);
        int tp = 0;
        int flagged = 0;
        double bestF1 = -1;
        double best = p[order[0]];
        for (int k = 0; k < order.length; k++) {
            int row = order[k];
            tp += labels[row];
            flagged++;
            // a candidate is a distinct value: evaluate after the last row with it
            if (k + 1 < order.length && p[order[k + 1]] == p[row]) {
                continue;
            }
            double recall = (double) tp / positives;
            if (rule.equals("min_recall")) {
                if (recall >= minRecall) {
                    return Math.nextDown(p[row]);
                }
                continue;
            }
            double precision = (double) tp / flagged;
            double f1 = tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = p[row];
            }
        }
        return Math.max(0, Math.nextDown(best));
    }
}
