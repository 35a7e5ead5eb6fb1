package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.metrics.RankingMetrics;

/**
 * Chooses the judge's probability threshold on validation rows. A rule picks the lowest
 * validation probability to flag (a candidate; the rows at or above it are flagged):
 * <ul>
 * <li>{@code max_f1}: the candidate with the highest F1 on the validation labels; among equal F1,
 * the highest candidate (fewest alerts).</li>
 * <li>{@code min_recall}: the highest candidate whose recall is at least {@code minRecall}.</li>
 * <li>{@code calibrated_f1}: for calibrated probabilities, half the best F1 reached on the
 * validation rows. When probabilities are calibrated, the threshold that maximises the expected F1
 * is half that F1 (Lipton, Elkan and Naryanaswamy, "Thresholding classifiers to maximize F1",
 * 2014); it depends on the validation rows only through one number, so it does not hug the
 * probabilities of the attack kinds they happen to hold.</li>
 * </ul>
 * For {@code max_f1} and {@code min_recall}, every threshold in the gap between the chosen candidate and the next lower validation
 * probability flags the same validation rows; the rule takes the <b>middle of that gap</b> (in
 * log-odds when both ends are probabilities strictly between 0 and 1, else on the score's own
 * scale), the largest margin on both sides. Taking the top of the gap instead (just below the
 * candidate) fits the threshold to the attacks the validation rows hold: records of a kind the
 * judge never saw get middling probabilities and would all fall below it.
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
        int bestK = 0;
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
                    return gapMiddle(p, order, k);
                }
                continue;
            }
            double precision = (double) tp / flagged;
            double f1 = tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestK = k;
            }
        }
        if (rule.equals("calibrated_f1")) {
            return bestF1 / 2;
        }
        return gapMiddle(p, order, bestK);
    }

    /**
     * The middle of the gap below the candidate {@code p[order[k]]} (the last of its ties): between
     * it and the next lower value, or between it and 0 (or just below it for scores below 0) when
     * it is the lowest. Strictly below the candidate, so the candidate is flagged.
     */
    static double gapMiddle(double[] p, int[] order, int k) {
        double hi = p[order[k]];
        double lo = k + 1 < order.length ? p[order[k + 1]] : Math.min(0, hi);
        double t;
        if (hi > 0 && hi < 1 && lo > 0 && lo < 1) {
            double mid = (logit(hi) + logit(lo)) / 2;
            t = 1 / (1 + Math.exp(-mid));
        } else {
            t = lo + (hi - lo) / 2;
        }
        // rounding may land on an end: keep the candidate flagged and the next lower value not
        if (!(t < hi)) {
            t = Math.nextDown(hi);
        }
        if (t < lo) {
            t = lo;
        }
        return hi == lo ? Math.nextDown(hi) : t;
    }

    /**
     * The validation rows whose label the scores do not confidently contradict (confident
     * learning, Northcutt, Jiang and Chuang, "Confident learning: estimating uncertainty in dataset
     * labels", JAIR 2021, binary case): a class's confidence threshold is the mean probability of
     * that class over the rows labelled with it; a row's estimated true class is the class whose
     * probability reaches its threshold (the likelier one when both do); a row whose estimated
     * class differs from its label is dropped, any other kept. The scores must be probabilities of
     * rows the model did not learn from (validation rows). Where labels are clean and the model
     * separates them, almost nothing is dropped; where a share of the labels is wrong, the wrong ones
     * the model sees through are, so the threshold is chosen against the labels the data most
     * likely has rather than the noise.
     *
     * @return for each row, whether it is kept; every row when either class is missing
     */
    public static boolean[] confidentRows(double[] p, int[] labels) {
        boolean[] keep = new boolean[p.length];
        java.util.Arrays.fill(keep, true);
        double sum1 = 0;
        double sum0 = 0;
        int n1 = 0;
        for (int i = 0; i < p.length; i++) {
            if (labels[i] == 1) {
                sum1 += p[i];
                n1++;
            } else {
                sum0 += 1 - p[i];
            }
        }
        int n0 = p.length - n1;
        if (n1 == 0 || n0 == 0) {
            return keep;
        }
        double t1 = sum1 / n1;
        double t0 = sum0 / n0;
        for (int i = 0; i < p.length; i++) {
            boolean can1 = p[i] >= t1;
            boolean can0 = 1 - p[i] >= t0;
            int estimated;
            if (can1 && can0) {
                estimated = p[i] >= 1 - p[i] ? 1 : 0;
            } else if (can1) {
                estimated = 1;
            } else if (can0) {
                estimated = 0;
            } else {
                continue;   // no confident class: the label stands
            }
            keep[i] = estimated == labels[i];
        }
        return keep;
    }

    /** {@link #choose} on the rows {@code keep} marks. */
    public static double choose(String rule, double minRecall, double[] p, int[] labels, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[] pk = new double[n];
        int[] yk = new int[n];
        for (int i = 0, j = 0; i < p.length; i++) {
            if (keep[i]) {
                pk[j] = p[i];
                yk[j++] = labels[i];
            }
        }
        return choose(rule, minRecall, pk, yk);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
