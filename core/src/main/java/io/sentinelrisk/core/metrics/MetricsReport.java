package io.sentinelrisk.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link LabelledMetrics} as an ordered map, for the training summary that the bundle stores as
 * free-form JSON (its reader gets maps back, so the in-memory summary holds maps too). Built field
 * by field, in {@link LabelledMetrics}'s JSON order with the value types Jackson's
 * {@code convertValue} gives ({@code int} as Integer, {@code long} as Long, an undefined metric as
 * null): the same map, without building Jackson's serializers and deserializers in a {@code train}.
 */
public final class MetricsReport {
    private MetricsReport() {
    }

    public static Map<String, Object> of(double[] scores, boolean[] predicted, int[] labels) {
        return map(LabelledMetrics.of(scores, predicted, labels));
    }

    /** {@link LabelledMetrics} as the training summary's map. */
    public static Map<String, Object> of(LabelledMetrics metrics) {
        return map(metrics);
    }

    static Map<String, Object> map(LabelledMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labelled_rows", m.labelledRows());
        out.put("labelled_anomalies", m.labelledAnomalies());
        out.put("precision", m.precision());
        out.put("recall", m.recall());
        out.put("f1", m.f1());
        out.put("roc_auc", m.rocAuc());
        out.put("average_precision", m.averagePrecision());
        Map<String, Object> atK = null;
        if (m.precisionAtK() != null) {
            atK = new LinkedHashMap<>();
            atK.put("k", m.precisionAtK().k());
            atK.put("precision", m.precisionAtK().precision());
        }
        out.put("precision_at_k", atK);
        Map<String, Object> confusion = null;
        if (m.confusionMatrix() != null) {
            LabelledMetrics.ConfusionCounts c = m.confusionMatrix();
            confusion = new LinkedHashMap<>();
            confusion.put("true_positives", c.truePositives());
            confusion.put("false_positives", c.falsePositives());
            confusion.put("true_negatives", c.trueNegatives());
            confusion.put("false_negatives", c.falseNegatives());
        }
        out.put("confusion_matrix", confusion);
        return out;
    }
}
