package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Frame;

import java.util.Map;

/**
 * The result of training: the pipeline, the raw scores of the training rows, and how long each
 * step took (kept out of the pipeline so that its bundle is the same bytes for the same inputs).
 */
public record TrainedPipeline(Pipeline pipeline, double[] trainingScores, Map<String, Object> timings) {

    /**
     * The scores of {@code frame}, the rows the pipeline was trained on, as its calibration saw
     * them: an unsupervised detector's fit-time scores, in which a neighbour detector leaves each
     * row out of its own neighbourhood (scikit-learn's {@code negative_outlier_factor_}, PyOD's
     * {@code decision_scores_}), so that {@code contamination} of the baseline is flagged. A
     * supervised detector was fitted on a part of the rows only: every row is scored as new data.
     */
    public ScoredBatch baselineScores(Frame frame, String source, int threads) {
        boolean fittedOnEveryRow = !Detectors.byType(pipeline.config().detectorType()).supervised();
        if (fittedOnEveryRow && trainingScores.length == frame.rows()) {
            return pipeline.calibrated(trainingScores.clone());
        }
        return pipeline.score(frame, source, threads);
    }
}
