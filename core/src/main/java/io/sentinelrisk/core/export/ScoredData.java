package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.ColumnRoles;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;

/**
 * Everything the exports read about one scored input: the frame as read (all columns), its
 * scores, the pipeline that scored it, labels if known (else null), where it came from, and the
 * number of the file line holding each row (for people opening the file; null if unknown).
 */
public record ScoredData(String source, Frame frame, ScoredBatch scores, Pipeline pipeline, int[] labels, long[] lineNumbers) {
    public ScoredData {
        frame = ColumnRoles.asTrained(frame, pipeline.schema());   // keys the model kept are shown as keys
    }

    /** The columns that give each row its entity and event time. */
    public EventColumns events() {
        return EventColumns.of(pipeline);
    }
}
