package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.explain.FeatureWeight;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores records with a fitted {@link Pipeline}: one record or a block of rows, through the same
 * code. A single record is a block of one row, so scoring a file row by row gives exactly the
 * scores, risk, severity and reasons of scoring it at once. Thread-safe (the pipeline is
 * immutable); the {@code features} module wraps it with a stateful feature stage for bundles
 * trained on point-in-time features.
 */
public final class Scorer {
    private final Pipeline pipeline;
    private final int reasons;

    public Scorer(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.reasons = Math.max(1, pipeline.config().explainTopFeatures());
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Scores every row of {@code block} (columns checked against the model's; {@code source} names it in errors). */
    public List<ScoredRecord> score(Frame block, String source, int threads) {
        ScoredBatch b = pipeline.score(block, source, threads);
        int[] all = new int[b.rows()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        List<List<FeatureWeight>> judged = pipeline.judgeAttributions(block, all, reasons);
        List<ScoredRecord> out = new ArrayList<>(b.rows());
        for (int r = 0; r < b.rows(); r++) {
            out.add(b.record(r, pipeline.explain(block, r, reasons), judged.get(r)));
        }
        return out;
    }

    /** Scores a frame of exactly one row: the record path of predict, the server and streams. */
    public ScoredRecord scoreOne(Frame record, String source) {
        if (record.rows() != 1) {
            throw new IllegalArgumentException("expected one record, found " + record.rows() + " rows");
        }
        return score(record, source, 1).get(0);
    }
}
