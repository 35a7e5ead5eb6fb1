package io.sentinelrisk.core.io;

/**
 * Ground-truth labels, one per data row, in row order: 1 = anomaly, 0 = normal.
 *
 * @param values the labels (not copied; treat as read-only)
 * @param source where they came from, for messages and reports ("data.csv column 'label'",
 *               "labels.csv")
 */
public record Labels(int[] values, String source) {

    public int size() {
        return values.length;
    }

    public int get(int row) {
        return values[row];
    }

    /** How many rows are labelled anomalous. */
    public int anomalies() {
        int n = 0;
        for (int v : values) {
            n += v;
        }
        return n;
    }
}
