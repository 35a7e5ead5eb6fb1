package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.error.InputException;

/** Checks the labels a supervised detector is given. */
public final class Labels {
    private Labels() {
    }

    /**
     * Fails with an InputException unless there is one label per row, each 0 (normal) or
     * 1 (anomaly), and both classes occur. Returns the number of anomalies.
     */
    public static int requireBinary(String type, int[] labels, int rows) {
        if (labels == null) {
            throw new InputException(type + ": is supervised and needs labels (1 = anomaly, 0 = normal); none were given");
        }
        if (labels.length != rows) {
            throw new InputException(type + ": expected one label per training row (" + rows + "), found " + labels.length);
        }
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InputException(type + ": labels must be 0 or 1, found " + labels[i] + " for training row " + (i + 1));
            }
            positives += labels[i];
        }
        if (positives == 0 || positives == rows) {
            throw new InputException(type + ": labels contain a single class (" + (positives == 0 ? "no anomalies" : "only anomalies")
                    + "); a supervised detector needs both 0 and 1");
        }
        return positives;
    }
}
