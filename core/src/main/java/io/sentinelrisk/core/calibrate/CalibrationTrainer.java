package io.sentinelrisk.core.calibrate;

import io.sentinelrisk.core.util.Stats;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fits a {@link Calibration} from the training scores: thresholds are upper quantiles (numpy's
 * linear interpolation) of the training scores, so with bands [0.005, 0.02, 0.1] about 0.5% of
 * the training rows are critical, 2% high or worse and 10% medium or worse. Where training scores
 * tie at a threshold, the tied rows stay below it (risk counts only the rows strictly below a
 * score), so with heavy ties fewer rows than the band are flagged, never more.
 */
public final class CalibrationTrainer {
    /** At most this many order statistics are kept for risk: enough for 0.01-point resolution. */
    public static final int GRID_SIZE = 10_001;

    private final double contamination;
    private final List<Double> severityBands;
    private final Double scoreFloor;

    public CalibrationTrainer(double contamination, List<Double> severityBands, Double scoreFloor) {
        this.contamination = contamination;
        this.severityBands = List.copyOf(severityBands);
        this.scoreFloor = scoreFloor;
    }

    public Calibration fit(double[] trainingScores) {
        return fitSorted(Stats.sortedFinite(trainingScores));
    }

    /** {@link #fit} of scores already sorted with the NaNs left out ({@link Stats#sortedFinite}), so a caller that sorts them anyway sorts once. */
    public Calibration fitSorted(double[] sorted) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no finite training scores to calibrate on");
        }
        int size = Math.min(GRID_SIZE, sorted.length);
        double[] grid = new double[size];
        for (int i = 0; i < size; i++) {
            grid[i] = size == 1 ? sorted[0] : Stats.quantileSorted(sorted, (double) i / (size - 1));
        }
        return new Calibration(grid,
                atLeast(sorted, 1 - severityBands.get(0)),
                atLeast(sorted, 1 - severityBands.get(1)),
                atLeast(sorted, 1 - severityBands.get(2)),
                Stats.quantileSorted(sorted, 1 - contamination),
                scoreFloor == null ? Double.NaN : scoreFloor);
    }

    /**
     * The lowest raw score whose risk is at least {@code p}: the {@code p} quantile, unless
     * training scores tie at that quantile and fewer than {@code p} of them lie strictly below
     * the tie; then the tie itself is below the band ({@code Math.nextUp}: only scores above it
     * reach it). So a score most of the baseline shares is never in a severity band.
     */
    static double atLeast(double[] sorted, double p) {
        double q = Stats.quantileSorted(sorted, p);
        int firstAtQ = firstIndexOf(sorted, q);
        boolean tied = firstAtQ >= 0 && firstAtQ + 1 < sorted.length && sorted[firstAtQ + 1] == q;
        double rankNeeded = p * (sorted.length - 1);
        return tied && firstAtQ < rankNeeded - 1e-9 ? Math.nextUp(q) : q;
    }

    /**
     * When training scores tie at the is_anomaly threshold, only scores above the tie are
     * flagged, so far fewer training rows than {@code contamination} asks for may be: a warning
     * that says so, or empty.
     */
    public static Optional<String> tieWarning(double[] trainingScores, Calibration calibration, double contamination) {
        long flagged = 0;
        long tied = 0;
        for (double s : trainingScores) {
            flagged += calibration.isAnomaly(s) ? 1 : 0;
            tied += s == calibration.anomalyAt() ? 1 : 0;
        }
        double expected = contamination * trainingScores.length;
        if (expected < 1 || flagged >= 0.5 * expected || tied < 2) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "contamination %s flags %d of the %d training rows, not about %.0f: %d of them"
                        + " tie at the threshold score %s and only scores above it are flagged; raise contamination to flag them",
                contamination, flagged, trainingScores.length, expected, tied, calibration.anomalyAt()));
    }

    private static int firstIndexOf(double[] sorted, double value) {
        int i = java.util.Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return -1;
        }
        while (i > 0 && sorted[i - 1] == value) {
            i--;
        }
        return i;
    }
}
