package io.sentinelrisk.core.pipeline;

import java.util.Map;

/**
 * The result of training: the pipeline, the raw scores of the training rows, and how long each
 * step took (kept out of the pipeline so that its bundle is the same bytes for the same inputs).
 */
public record TrainedPipeline(Pipeline pipeline, double[] trainingScores, Map<String, Object> timings) {
}
