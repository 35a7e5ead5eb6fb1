package io.sentinelrisk.core.evaluate.nab;

import java.util.List;

/**
 * One NAB data file as its detector saw it: row timestamps (seconds since the epoch, UTC), the
 * detector's anomaly score of each row, and the file's labelled anomaly windows.
 *
 * @param name       the file's corpus path, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param timestamps row times in file order
 * @param scores     anomaly score of each row (NAB expects [0, 1]; any finite value works)
 * @param windows    the file's anomaly windows, in time order, not overlapping
 */
public record NabSeries(String name, long[] timestamps, double[] scores, List<NabWindow> windows) {
    public NabSeries {
        if (timestamps.length != scores.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.length + " timestamps but "
                    + scores.length + " scores");
        }
        windows = List.copyOf(windows);
    }

    public int rows() {
        return timestamps.length;
    }
}
