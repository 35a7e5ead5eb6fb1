package io.sentinelrisk.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metrics of scored, labelled data, as the summary report writes them (snake_case keys). */
public final class MetricsReport {
    private MetricsReport() {
    }

    /**
     * @param scores    raw scores, higher = more anomalous
     * @param predicted is_anomaly per row
     * @param labels    1 = anomaly, 0 = normal
     */
    public static Map<String, Object> of(double[] scores, boolean[] predicted, int[] labels) {
        Confusion c = Confusion.of(predicted, labels);
        long positives = c.tp() + c.fn();
        int k = (int) Math.max(1, positives);
        int[] order = RankingMetrics.descending(scores);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labelled_rows", labels.length);
        m.put("labelled_anomalies", positives);
        m.put("precision", c.precision());
        m.put("recall", c.recall());
        m.put("f1", c.f1());
        m.put("roc_auc", finiteOrNull(RankingMetrics.rocAuc(scores, labels, order)));
        m.put("average_precision", finiteOrNull(RankingMetrics.averagePrecision(scores, labels, order)));
        Map<String, Object> pk = new LinkedHashMap<>();
        pk.put("k", k);
        pk.put("precision", finiteOrNull(RankingMetrics.precisionAtK(labels, k, order)));
        m.put("precision_at_k", pk);
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("true_positives", c.tp());
        cm.put("false_positives", c.fp());
        cm.put("true_negatives", c.tn());
        cm.put("false_negatives", c.fn());
        m.put("confusion_matrix", cm);
        return m;
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
