package io.sentinelrisk.core.export;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.metrics.MetricsReport;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary report: what was scored, how many records fell in each severity, the anomaly
 * rate, the thresholds, the effective config, a profile of the data, timings, and — with labels
 * — precision, recall, F1, ROC AUC, average precision, precision@k and the confusion matrix.
 */
public final class SummaryReport {
    private SummaryReport() {
    }

    /**
     * @param command  the command that produced it (train, score, demo)
     * @param model    where the model came from or went (bundle path), may be null
     * @param timings  step → milliseconds
     */
    public static Map<String, Object> build(String command, ScoredData data, String model, Map<String, Object> timings) {
        ScoredBatch s = data.scores();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report_version", 1);
        m.put("product_version", ProductVersion.get());
        m.put("command", command);
        m.put("input", data.source());
        if (model != null) {
            m.put("model", model);
        }
        m.put("detector", data.pipeline().detector().type());
        m.put("rows", s.rows());
        Map<String, Object> counts = new LinkedHashMap<>();
        long[] bySeverity = s.severityCounts();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            counts.put(Severity.values()[i].id(), bySeverity[i]);
        }
        m.put("severity_counts", counts);
        long anomalies = s.anomalyCount();
        m.put("anomalies", anomalies);
        m.put("anomaly_rate", s.rows() == 0 ? 0.0 : (double) anomalies / s.rows());
        Calibration c = data.pipeline().calibration();
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("critical_at", c.criticalAt());
        thresholds.put("high_at", c.highAt());
        thresholds.put("medium_at", c.mediumAt());
        thresholds.put("anomaly_above", c.anomalyAt());
        thresholds.put("score_floor", Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor());
        m.put("thresholds", thresholds);
        if (data.labels() != null) {
            m.put("metrics", MetricsReport.of(s.score(), s.isAnomaly(), data.labels()));
        }
        m.put("config", data.pipeline().config().toMap());
        m.put("training", data.pipeline().trainingSummary());
        m.put("data_profile", DataProfile.of(data.frame()));
        m.put("timings_ms", timings);
        return m;
    }

    public static void write(Path target, Map<String, Object> report) {
        AtomicFile.write(target, os -> os.write(Json.bytes(report)));
    }
}
