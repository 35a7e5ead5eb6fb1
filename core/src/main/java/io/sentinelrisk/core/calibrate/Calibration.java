package io.sentinelrisk.core.calibrate;

import java.util.Arrays;

/**
 * Turns raw scores into what users read, from the training score distribution learned at train
 * time: {@code risk} 0–100 (the share of training scores strictly below the score: 99 = odder
 * than 99% of what the model learned), {@code severity} by the bands' thresholds, and
 * {@code is_anomaly} (score above the contamination threshold and not below the score floor).
 * The thresholds are fitted so that severity agrees with risk, ties included (see
 * {@link CalibrationTrainer}). Immutable.
 *
 * @param grid             order statistics of the training scores (sorted, evenly spaced ranks)
 * @param criticalAt       raw score threshold of {@code critical} (top band)
 * @param highAt           raw score threshold of {@code high}
 * @param mediumAt         raw score threshold of {@code medium}
 * @param anomalyAt        is_anomaly threshold: score strictly above it
 * @param scoreFloor       minimum raw score to flag anything, or NaN for none
 */
public record Calibration(double[] grid, double criticalAt, double highAt, double mediumAt,
                          double anomalyAt, double scoreFloor) {

    public Calibration {
        grid = grid.clone();
        for (int i = 1; i < grid.length; i++) {
            if (!(grid[i - 1] <= grid[i])) {
                throw new IllegalArgumentException("calibration grid is not sorted");
            }
        }
        if (grid.length == 0) {
            throw new IllegalArgumentException("empty calibration grid");
        }
    }

    @Override
    public double[] grid() {
        return grid.clone();
    }

    /**
     * Share (0–100) of the training scores strictly below {@code score}, interpolated between
     * the grid's order statistics: "odder than this many percent of training". A score shared
     * by many training rows counts only the rows below the tie, so a value most of the baseline
     * holds has a low risk; a score above every training score is 100.
     */
    public double risk(double score) {
        return risk(grid, score, 0, grid.length);
    }

    /**
     * {@link #risk(double)} on {@code grid} (this calibration's grid, not copied), searching it
     * between {@code from} (inclusive) and {@code to} (exclusive) only: the caller knows that the
     * score's place, and any grid value equal to it, lies there ({@link RiskLookup}).
     */
    static double risk(double[] grid, double score, int from, int to) {
        int n = grid.length;
        if (Double.isNaN(score) || score <= grid[0]) {
            return 0;
        }
        if (score > grid[n - 1]) {
            return 100;
        }
        int i = Arrays.binarySearch(grid, from, to, score);
        if (i >= 0) {
            // Ties: the lowest rank holding this value, so equal scores get equal risk and only
            // the training rows strictly below count.
            while (i > 0 && grid[i - 1] == score) {
                i--;
            }
            return 100.0 * i / (n - 1);
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double frac = (score - grid[lo]) / (grid[hi] - grid[lo]);
        return 100.0 * (lo + frac) / (n - 1);
    }

    public boolean isAnomaly(double score) {
        return score > anomalyAt && aboveFloor(score);
    }

    public Severity severity(double score) {
        if (!aboveFloor(score)) {
            return Severity.INFO;
        }
        if (score >= criticalAt) {
            return Severity.CRITICAL;
        }
        if (score >= highAt) {
            return Severity.HIGH;
        }
        if (score >= mediumAt) {
            return Severity.MEDIUM;
        }
        return Severity.INFO;
    }

    private boolean aboveFloor(double score) {
        return Double.isNaN(scoreFloor) || score >= scoreFloor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && Arrays.equals(grid, c.grid) && criticalAt == c.criticalAt
                && highAt == c.highAt && mediumAt == c.mediumAt && anomalyAt == c.anomalyAt
                && Double.compare(scoreFloor, c.scoreFloor) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(grid) * 31 + Double.hashCode(anomalyAt);
    }

    @Override
    public String toString() {
        return "Calibration[critical>=" + criticalAt + ", high>=" + highAt + ", medium>=" + mediumAt
                + ", anomaly>" + anomalyAt + ", floor=" + scoreFloor + "]";
    }
}
