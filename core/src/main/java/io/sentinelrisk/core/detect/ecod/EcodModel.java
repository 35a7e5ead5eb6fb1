package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.util.SortedSearch;

/**
 * A fitted ECOD: the sorted training values of every feature and the sign of its skewness.
 *
 * <p>Per feature, with F the empirical CDF: {@code U_l = -ln F(x)}, {@code U_r = -ln (1 - F(x⁻))}
 * (right tail), {@code U_skew} = U_l for left-skewed features, U_r for right-skewed ones and
 * U_l + U_r when the skewness is 0; the score is {@code Σ max(U_l, U_r, U_skew)}.
 *
 * <p>A new row is scored against the training ECDF with itself added: {@code F(x) = (#{train ≤ x} + 1) / (n + 1)}
 * — PyOD's {@code decision_function} on a batch of one row, so that a row's score never depends
 * on the other rows of its batch (PyOD pools the whole batch with the training data). The
 * training rows' own scores ({@link #scoreTrainingRows}) use the training ECDF alone,
 * {@code #{train ≤ x} / n}, which is PyOD's {@code decision_scores_}.
 */
public final class EcodModel implements FittedDetector, TrainingScores.LeaveOneOut {
    private final double[][] sorted;
    private final int[] skewSign;
    private final int n;
    /** {@code log[c] = ln c} for every count c in 0..n+1: scoring then takes no logarithm. */
    private final double[] log;

    EcodModel(double[][] sorted, int[] skewSign) {
        this.sorted = sorted;
        this.skewSign = skewSign;
        this.n = sorted.length == 0 ? 0 : sorted[0].length;
        this.log = new double[n + 2];
        for (int c = 0; c < log.length; c++) {
            log[c] = Math.log(c);
        }
    }

    @Override
    public String type() {
        return EcodFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return sorted.length;
    }

    int skewSign(int j) {
        return skewSign[j];
    }

    double[] sortedColumn(int j) {
        return sorted[j].clone();
    }

    @Override
    public double score(double[] row) {
        return BatchScoring.scoreRow(type(), featureCount(), row, (data, off) -> scoreAt(data, off, 1));
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.score(type(), featureCount(), x, out, threads, 1024, (data, off) -> scoreAt(data, off, 1));
    }

    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        if (trainingRows.rows() != n) {
            throw new IllegalArgumentException("expected the " + n + " training rows, got " + trainingRows.rows());
        }
        BatchScoring.score(type(), featureCount(), trainingRows, out, threads, 1024, (data, off) -> scoreAt(data, off, 0));
    }

    /** {@code self} = 1 when the row is new (it joins the ECDF), 0 when it is one of the training rows. */
    private double scoreAt(double[] data, int offset, int self) {
        double total = 0;
        double logDenom = log[n + self];
        for (int j = 0; j < sorted.length; j++) {
            double v = data[offset + j];
            double[] s = sorted[j];
            long counts = SortedSearch.countBelowAndAtMost(s, v);
            int atMost = (int) (counts >>> 32);
            int atLeast = n - (int) counts;
            // -ln(count / denom), a row counting itself among the training rows
            double uLeft = logDenom - log[atMost + self];
            double uRight = logDenom - log[atLeast + self];
            double uSkew = switch (skewSign[j]) {
                case -1 -> uLeft;
                case 1 -> uRight;
                default -> uLeft + uRight;
            };
            total += Math.max(Math.max(uLeft, uRight), uSkew);
        }
        return total;
    }
}
