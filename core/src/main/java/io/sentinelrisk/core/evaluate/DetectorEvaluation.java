package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.explain.FeatureImportance;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.metrics.Curves;
import io.sentinelrisk.core.pipeline.Pipeline;

import java.util.List;

/**
 * What one detector achieved on the evaluated rows.
 *
 * @param name              the detector's type (e.g. {@code iforest})
 * @param pipeline          the fitted pipeline that scored (fitted here, or the given bundle)
 * @param fittedRows        rows the detector was fitted on (0 for a given bundle)
 * @param scores            raw score of each evaluated row, in the order of {@link EvaluationResult#labels()}
 * @param rocAuc            ROC AUC (NaN with one class)
 * @param averagePrecision  average precision (NaN without anomalies)
 * @param precisionAtK      share of anomalies among the k highest scores
 * @param threshold         the score at the threshold percentile
 * @param confusion         counts with "flagged" = score ≥ threshold
 * @param recallPerScenario per scenario of the labelled anomalies, by name (empty without a scenario column)
 * @param roc               ROC curve points
 * @param precisionRecall   precision–recall curve points
 * @param correlations      Pearson correlation of each prepared feature with the score
 * @param importance        tree models' feature importance, or null
 * @param deviantFeatures   how many of the k highest-scored rows have each feature at least
 *                          {@link EvaluationSettings#deviation()} std from normal, most frequent first
 * @param deviantAlerts     how many alerts the deviant-feature counts looked at
 * @param topAlerts         the top-k alerts, explained
 * @param fitMillis         time to fit the pipeline (0 for a given bundle)
 * @param scoreMillis       time to score the evaluated rows
 */
public record DetectorEvaluation(String name, Pipeline pipeline, int fittedRows, double[] scores,
                                 double rocAuc, double averagePrecision, int k, double precisionAtK,
                                 double threshold, Confusion confusion, List<ScenarioRecall> recallPerScenario,
                                 Curves.Roc roc, Curves.PrecisionRecall precisionRecall,
                                 List<FeatureWeight> correlations, FeatureImportance importance,
                                 List<FeatureCount> deviantFeatures, int deviantAlerts,
                                 List<EvaluatedAlert> topAlerts, double fitMillis, double scoreMillis) {
    public DetectorEvaluation {
        recallPerScenario = List.copyOf(recallPerScenario);
        correlations = List.copyOf(correlations);
        deviantFeatures = List.copyOf(deviantFeatures);
        topAlerts = List.copyOf(topAlerts);
    }

    /**
     * What the detector's training rows were declared to be ({@code unknown} or {@code clean}), for a
     * detector with a baseline parameter ({@code auto}); null for the others.
     */
    public String baseline() {
        Object b = pipeline.config().detectorParams().asMap().get(io.sentinelrisk.core.detect.Baseline.PARAM);
        return b == null ? null : b.toString();
    }

    /** True when the detector learned from labels (fitted on every training row, both classes). */
    public boolean supervised() {
        return io.sentinelrisk.core.pipeline.Detectors.byType(pipeline.detector().type()).supervised();
    }
}
