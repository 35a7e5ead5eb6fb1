package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.error.InputException;

/**
 * How an evaluation runs and what it reports.
 *
 * @param trainFraction       share of each class that goes to the training part, in (0, 1)
 * @param randomState         seed of the split
 * @param k                   precision@k looks at the k highest test scores (≥ 1)
 * @param thresholdPercentile rows at or above this percentile (0–100) of the test scores are
 *                            flagged for the confusion matrix, precision, recall and F1
 * @param topK                how many top alerts are explained (≥ 0)
 * @param deviation           a feature is "deviant" in an alert when it is at least this many
 *                            standard deviations from normal (> 0)
 * @param scenarioColumn      column naming each row's scenario (recall per scenario); never a feature
 * @param allAnomaliesInTest  true (the SOC lab's protocol, the default): test on every row not fitted
 *                            on, i.e. the test part plus the training part's anomalies, which
 *                            unsupervised detectors never see; for unsupervised detectors only.
 *                            False: test on the held-out test part only, the same rows for every
 *                            detector, supervised ones included. Used by the semi-supervised
 *                            protocol only.
 * @param protocol            which rows are fitted on and which are tested ({@link EvaluationProtocol})
 */
public record EvaluationSettings(double trainFraction, long randomState, int k, double thresholdPercentile,
                                 int topK, double deviation, String scenarioColumn, boolean allAnomaliesInTest,
                                 EvaluationProtocol protocol) {
    public static final double DEFAULT_TRAIN_FRACTION = 0.8;
    public static final int DEFAULT_K = 50;
    public static final double DEFAULT_THRESHOLD_PERCENTILE = 99;
    public static final int DEFAULT_TOP_K = 10;
    public static final double DEFAULT_DEVIATION = 3;
    public static final String DEFAULT_SCENARIO_COLUMN = "scenario";

    /** The semi-supervised protocol (fitted on the training part's normal rows). */
    public EvaluationSettings(double trainFraction, long randomState, int k, double thresholdPercentile,
                              int topK, double deviation, String scenarioColumn, boolean allAnomaliesInTest) {
        this(trainFraction, randomState, k, thresholdPercentile, topK, deviation, scenarioColumn, allAnomaliesInTest,
                EvaluationProtocol.SEMI_SUPERVISED);
    }

    public EvaluationSettings {
        java.util.Objects.requireNonNull(protocol, "protocol");
        if (protocol != EvaluationProtocol.SEMI_SUPERVISED) {
            allAnomaliesInTest = false;   // only the semi-supervised protocol leaves rows out of fitting by label
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new InputException("the train fraction must be in (0, 1), found " + trainFraction);
        }
        if (k < 1) {
            throw new InputException("k (precision@k) must be ≥ 1, found " + k);
        }
        if (!(thresholdPercentile >= 0 && thresholdPercentile <= 100)) {
            throw new InputException("the threshold percentile must be in [0, 100], found " + thresholdPercentile);
        }
        if (topK < 0) {
            throw new InputException("top-k (alerts to explain) must be ≥ 0, found " + topK);
        }
        if (!(deviation > 0)) {
            throw new InputException("the deviation of a deviant feature must be > 0, found " + deviation);
        }
    }

    public static EvaluationSettings defaults(long randomState) {
        return new EvaluationSettings(DEFAULT_TRAIN_FRACTION, randomState, DEFAULT_K, DEFAULT_THRESHOLD_PERCENTILE,
                DEFAULT_TOP_K, DEFAULT_DEVIATION, DEFAULT_SCENARIO_COLUMN, true, EvaluationProtocol.SEMI_SUPERVISED);
    }
}
