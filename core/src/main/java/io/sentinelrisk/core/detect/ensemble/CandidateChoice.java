package io.sentinelrisk.core.detect.ensemble;

import java.util.Arrays;

/**
 * Which candidates {@code auto} keeps, from their agreement alone: those above the threshold
 * (every candidate when none is), and of those at most {@code maxMembers}, the most agreeing
 * first (ties: the earlier candidate). The maximum of the kept members' scores keeps each one's
 * rare strong signals, so a fourth or fifth member adds its false alarms more often than
 * anomalies the others miss; a cap on the count drops the least agreeing even when they pass
 * the threshold.
 */
final class CandidateChoice {
    private CandidateChoice() {
    }

    /**
     * @param agreement  each candidate's agreement with the others ({@link Agreement#leaveOneOut})
     * @param threshold  a candidate must be above this ({@code min_agreement})
     * @param maxMembers at most this many are kept ({@code max_members}, ≥ 1)
     * @return per candidate, whether it is kept (at least one is)
     */
    static boolean[] keep(double[] agreement, double threshold, int maxMembers) {
        int n = agreement.length;
        boolean anyAbove = false;
        for (double a : agreement) {
            anyAbove |= a > threshold;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // stable sort: equal agreement keeps the candidates' order
        Arrays.sort(order, (x, y) -> Double.compare(agreement[y], agreement[x]));
        boolean[] kept = new boolean[n];
        int count = 0;
        for (int i = 0; i < n && count < maxMembers; i++) {
            int c = order[i];
            if (!anyAbove || agreement[c] > threshold) {
                kept[c] = true;
                count++;
            }
        }
        return kept;
    }
}
