package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Frame;

/**
 * Input data ready for the pipeline: every column as read (roles assigned: features, ids,
 * ignored, and the label column if any), the labels (null when unlabelled), and the file line
 * where each row starts.
 */
public record Dataset(String source, Frame frame, int[] labels, long[] lineNumbers) {
    public int rows() {
        return frame.rows();
    }

    public boolean labelled() {
        return labels != null;
    }
}
