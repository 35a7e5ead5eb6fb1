package io.sentinelrisk.core.evaluate;

import java.util.List;

/**
 * The outcome of an evaluation: which rows were used how, and each detector's results on the
 * evaluated rows.
 *
 * @param source          the input's name (file)
 * @param settings        how it ran
 * @param model           the bundle evaluated, or null when detectors were fitted here
 * @param rows            rows in the input
 * @param anomalies       labelled anomalies in the input
 * @param trainRows       rows in the training part (0 with a given bundle)
 * @param trainNormalRows normal rows in the training part: what unsupervised detectors were fitted on
 * @param testedRows      index in the input of each evaluated row, increasing
 * @param labels          label of each evaluated row (the test part; every row with a given bundle)
 * @param scenarios       scenario of each evaluated row, or null without a scenario column
 * @param detectors       one result per detector, in the order asked
 */
public record EvaluationResult(String source, EvaluationSettings settings, String model, int rows, int anomalies,
                               int trainRows, int trainNormalRows, int[] testedRows, int[] labels, String[] scenarios,
                               List<DetectorEvaluation> detectors) {
    public EvaluationResult {
        detectors = List.copyOf(detectors);
    }

    public int testRows() {
        return labels.length;
    }

    public int testAnomalies() {
        int n = 0;
        for (int y : labels) {
            n += y;
        }
        return n;
    }

    /** True when a given bundle was evaluated on every row (no split, no fitting). */
    public boolean bundleMode() {
        return model != null;
    }
}
