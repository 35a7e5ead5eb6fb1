package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.metrics.Confusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation report as JSON (snake_case keys, documented in docs/evaluation.md). Values
 * that are undefined (ROC AUC with one class, a correlation with a constant feature) are null.
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    public static Map<String, Object> build(EvaluationResult r) {
        EvaluationSettings s = r.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report_version", 1);
        m.put("product_version", ProductVersion.get());
        m.put("command", "evaluate");
        m.put("input", r.source());
        m.put("mode", r.bundleMode() ? "bundle" : "split");
        if (r.bundleMode()) {
            m.put("model", r.model());
        }
        Map<String, Object> protocol = new LinkedHashMap<>();
        if (!r.bundleMode()) {
            protocol.put("train_fraction", s.trainFraction());
            protocol.put("random_state", s.randomState());
            protocol.put("test_anomalies", s.allAnomaliesInTest() ? "all" : "held_out");
        }
        protocol.put("k", s.k());
        protocol.put("threshold_percentile", s.thresholdPercentile());
        protocol.put("top_k", s.topK());
        protocol.put("deviant_std", s.deviation());
        protocol.put("scenario_column", r.scenarios() == null ? null : s.scenarioColumn());
        m.put("protocol", protocol);
        m.put("rows", r.rows());
        m.put("anomalies", r.anomalies());
        m.put("train_rows", r.trainRows());
        m.put("train_normal_rows", r.trainNormalRows());
        m.put("test_rows", r.testRows());
        m.put("test_anomalies", r.testAnomalies());
        List<Object> detectors = new ArrayList<>();
        for (DetectorEvaluation d : r.detectors()) {
            detectors.add(detector(d));
        }
        m.put("detectors", detectors);
        return m;
    }

    public static void write(Path target, EvaluationResult r) {
        Map<String, Object> report = build(r);
        AtomicFile.write(target, os -> os.write(Json.bytes(report)));
    }

    private static Map<String, Object> detector(DetectorEvaluation d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detector", d.name());
        m.put("supervised", d.supervised());
        m.put("fitted_rows", d.fittedRows());
        m.put("fit_ms", round2(d.fitMillis()));
        m.put("score_ms", round2(d.scoreMillis()));
        m.put("roc_auc", num(d.rocAuc()));
        m.put("average_precision", num(d.averagePrecision()));
        Map<String, Object> pk = new LinkedHashMap<>();
        pk.put("k", d.k());
        pk.put("precision", num(d.precisionAtK()));
        m.put("precision_at_k", pk);
        Confusion c = d.confusion();
        m.put("threshold", num(d.threshold()));
        m.put("flagged", c.tp() + c.fp());
        m.put("precision", c.precision());
        m.put("recall", c.recall());
        m.put("f1", c.f1());
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("true_positives", c.tp());
        cm.put("false_positives", c.fp());
        cm.put("true_negatives", c.tn());
        cm.put("false_negatives", c.fn());
        m.put("confusion_matrix", cm);
        List<Object> perScenario = new ArrayList<>();
        for (ScenarioRecall sr : d.recallPerScenario()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("scenario", sr.scenario());
            x.put("anomalies", sr.anomalies());
            x.put("detected", sr.detected());
            x.put("recall", num(sr.recall()));
            perScenario.add(x);
        }
        m.put("recall_per_scenario", perScenario);
        m.put("feature_correlation", weights(d.correlations(), "correlation"));
        if (d.importance() != null) {
            Map<String, Object> imp = new LinkedHashMap<>();
            imp.put("kind", d.importance().kind());
            imp.put("features", weights(d.importance().weights(), "importance"));
            m.put("feature_importance", imp);
        } else {
            m.put("feature_importance", null);
        }
        Map<String, Object> deviant = new LinkedHashMap<>();
        deviant.put("alerts", d.deviantAlerts());
        List<Object> counts = new ArrayList<>();
        for (FeatureCount fc : d.deviantFeatures()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("feature", fc.feature());
            x.put("alerts", fc.alerts());
            counts.add(x);
        }
        deviant.put("features", counts);
        m.put("deviant_features", deviant);
        List<Object> alerts = new ArrayList<>();
        for (EvaluatedAlert a : d.topAlerts()) {
            alerts.add(alert(a));
        }
        m.put("top_alerts", alerts);
        m.put("config", d.pipeline().config().toMap());
        return m;
    }

    private static Map<String, Object> alert(EvaluatedAlert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", a.rank());
        m.put("row", a.row());
        if (a.line() >= 0) {
            m.put("line", a.line());
        }
        if (a.id() != null) {
            m.put("id", a.id());
        }
        m.put("score", num(a.score()));
        m.put("risk", round2(a.risk()));
        m.put("severity", a.severity());
        m.put("label", a.label());
        if (a.scenario() != null) {
            m.put("scenario", a.scenario());
        }
        List<Object> reasons = new ArrayList<>();
        for (Reason r : a.reasons()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("feature", r.feature());
            x.put("value", r.value());
            x.put("deviation", round2(r.deviation()));
            x.put("baseline", r.baseline());
            x.put("text", r.narrative());
            reasons.add(x);
        }
        m.put("reasons", reasons);
        m.put("narrative", a.narrative());
        if (a.shap() != null) {
            Map<String, Object> shap = new LinkedHashMap<>();
            shap.put("bias", a.shap().bias());
            shap.put("contributions", weights(a.shap().contributions(), "contribution"));
            m.put("shap", shap);
        }
        return m;
    }

    private static List<Object> weights(List<FeatureWeight> ws, String key) {
        List<Object> out = new ArrayList<>(ws.size());
        for (FeatureWeight w : ws) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("feature", w.feature());
            x.put(key, num(w.value()));
            out.add(x);
        }
        return out;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100.0) / 100.0 : null;
    }
}
