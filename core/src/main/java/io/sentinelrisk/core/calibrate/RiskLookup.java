package io.sentinelrisk.core.calibrate;

/**
 * {@link Calibration#risk} of many scores, with the binary search over the calibration's grid
 * (10,001 order statistics) narrowed to a few entries: the span of the grid is cut into equal
 * buckets, and each bucket knows which grid entries fall in it. A score's bucket holds its place
 * in the grid, so the same search over that bucket alone gives the same risk, bit for bit. (A
 * search over the whole grid took about 14 mispredicted branches a row: 4% of a {@code score}'s
 * CPU on a 286,048-row file.) Immutable and thread-safe.
 */
public final class RiskLookup {
    private static final int BUCKETS = 1 << 14;

    private final double[] grid;
    private final double low;
    private final double scale;
    /** {@code start[b]}: the first grid entry whose bucket is b or later (for b up to BUCKETS + 1); null: no buckets. */
    private final int[] start;

    public RiskLookup(Calibration calibration) {
        grid = calibration.grid();
        low = grid[0];
        double span = grid[grid.length - 1] - low;
        double s = BUCKETS / span;
        // buckets need a finite span, and a grid in the order the search assumes (-0.0 before 0.0,
        // as sorting puts them; the calibration itself asks only for numeric order)
        if (!(span > 0) || !Double.isFinite(s) || !inTotalOrder(grid)) {
            scale = 0;
            start = null;
            return;
        }
        scale = s;
        start = new int[BUCKETS + 2];
        int j = 0;
        for (int b = 0; b < start.length; b++) {
            while (j < grid.length && bucket(grid[j]) < b) {
                j++;
            }
            start[b] = j;
        }
    }

    /**
     * The same as {@link Calibration#risk}. A bucket's number never decreases as the value grows
     * (a subtraction, a multiplication by a positive number and a truncation, each monotone), so
     * every entry before {@code start[b]} is below a score of bucket b and every entry from
     * {@code start[b + 1]} above it: its place and any equal entry lie between the two.
     */
    public double risk(double score) {
        if (start == null || !(score > low) || !(score <= grid[grid.length - 1])) {
            return Calibration.risk(grid, score, 0, grid.length);   // outside the grid, NaN, or no buckets
        }
        int b = bucket(score);
        return Calibration.risk(grid, score, start[b], start[b + 1]);
    }

    private int bucket(double v) {
        return (int) Math.min(BUCKETS, (v - low) * scale);
    }

    private static boolean inTotalOrder(double[] grid) {
        for (int i = 1; i < grid.length; i++) {
            if (Double.compare(grid[i - 1], grid[i]) > 0) {
                return false;
            }
        }
        return true;
    }
}
