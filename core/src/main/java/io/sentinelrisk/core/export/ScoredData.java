package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.mapping.ScoreFacts;
import io.sentinelrisk.core.pipeline.ColumnRoles;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the exports read about one scored input: the frame as read (all columns), its
 * scores, the pipeline that scored it, labels if known (else null), where it came from, and the
 * number of the file line holding each row (for people opening the file; null if unknown).
 */
public record ScoredData(String source, Frame frame, ScoredBatch scores, Pipeline pipeline, int[] labels, long[] lineNumbers) {
    public ScoredData {
        frame = ColumnRoles.asTrained(frame, pipeline.schema());   // keys the model kept are shown as keys
    }

    /** The bundle's business mapping over these rows; empty when the bundle has none. */
    public Optional<FrameMapper> mapper() {
        return pipeline.mapping().map(m -> m.bind(frame));
    }

    /**
     * What row {@code row} means to the business, with ({@code narrative}) or without its
     * narrative; its reasons are explained only if the mapping reads them.
     */
    public Business business(FrameMapper mapper, int row, boolean narrative) {
        int top = Math.max(1, pipeline.config().explainTopFeatures());
        return business(mapper, row, narrative, () -> pipeline.explain(frame, row, top));
    }

    /** As {@link #business(FrameMapper, int, boolean)} with the row's reasons from {@code reasons}. */
    public Business business(FrameMapper mapper, int row, boolean narrative, Supplier<List<Reason>> reasons) {
        ScoreFacts facts = new ScoreFacts(scores.score()[row], scores.risk()[row], scores.severity()[row],
                scores.isAnomaly()[row], scores.predictedClass() == null ? null : scores.predictedClass()[row]);
        return narrative ? mapper.business(row, facts, reasons) : mapper.brief(row, facts, reasons);
    }
}
