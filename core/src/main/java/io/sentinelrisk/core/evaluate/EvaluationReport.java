package io.sentinelrisk.core.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Explanation;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.metrics.LabelledMetrics.ConfusionCounts;
import io.sentinelrisk.core.metrics.LabelledMetrics.PrecisionAtK;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The evaluation report as JSON (snake_case names, documented in docs/evaluation.md). Values
 * that are undefined (ROC AUC with one class, a correlation with a constant feature) are null;
 * fields that do not apply to the mode ({@code model} in split mode, the split's
 * {@code train_fraction}, {@code random_state}, {@code test_anomalies} in bundle mode) are left
 * out, and so is a detector's {@code baseline} when it has none (only {@code auto} has: what its
 * training rows were declared to be). {@code config} stays the ordered map SentinelConfig writes everywhere (its keys include
 * each detector's own parameters).
 */
@JsonPropertyOrder({"report_version", "product_version", "command", "input", "mode", "model", "protocol", "rows",
    "anomalies", "train_rows", "train_normal_rows", "test_rows", "test_anomalies", "detectors"})
public record EvaluationReport(@JsonProperty("report_version") int reportVersion,
                               @JsonProperty("product_version") String productVersion,
                               @JsonProperty("command") String command,
                               @JsonProperty("input") String input,
                               @JsonProperty("mode") String mode,
                               @JsonProperty("model") @JsonInclude(JsonInclude.Include.NON_NULL) String model,
                               @JsonProperty("protocol") Protocol protocol,
                               @JsonProperty("rows") int rows,
                               @JsonProperty("anomalies") long anomalies,
                               @JsonProperty("train_rows") int trainRows,
                               @JsonProperty("train_normal_rows") int trainNormalRows,
                               @JsonProperty("test_rows") int testRows,
                               @JsonProperty("test_anomalies") long testAnomalies,
                               @JsonProperty("detectors") List<DetectorReport> detectors) {

    /** How the evaluation was run. */
    @JsonPropertyOrder({"name", "train_fraction", "random_state", "test_anomalies", "k", "threshold_percentile", "top_k",
        "deviant_std", "scenario_column"})
    public record Protocol(@JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_NULL) String name,
                           @JsonProperty("train_fraction") @JsonInclude(JsonInclude.Include.NON_NULL) Double trainFraction,
                           @JsonProperty("random_state") @JsonInclude(JsonInclude.Include.NON_NULL) Long randomState,
                           @JsonProperty("test_anomalies") @JsonInclude(JsonInclude.Include.NON_NULL) String testAnomalies,
                           @JsonProperty("k") int k,
                           @JsonProperty("threshold_percentile") double thresholdPercentile,
                           @JsonProperty("top_k") int topK,
                           @JsonProperty("deviant_std") double deviantStd,
                           @JsonProperty("scenario_column") String scenarioColumn) {
    }

    /** One detector's results. */
    @JsonPropertyOrder({"detector", "supervised", "baseline", "fitted_rows", "fit_ms", "score_ms", "roc_auc", "average_precision",
        "precision_at_k", "threshold", "flagged", "precision", "recall", "f1", "confusion_matrix", "recall_per_scenario",
        "feature_correlation", "feature_importance", "deviant_features", "top_alerts", "config"})
    public record DetectorReport(@JsonProperty("detector") String detector,
                                 @JsonProperty("supervised") boolean supervised,
                                 @JsonProperty("baseline") @JsonInclude(JsonInclude.Include.NON_NULL) String baseline,
                                 @JsonProperty("fitted_rows") int fittedRows,
                                 @JsonProperty("fit_ms") Double fitMs,
                                 @JsonProperty("score_ms") Double scoreMs,
                                 @JsonProperty("roc_auc") Double rocAuc,
                                 @JsonProperty("average_precision") Double averagePrecision,
                                 @JsonProperty("precision_at_k") PrecisionAtK precisionAtK,
                                 @JsonProperty("threshold") Double threshold,
                                 @JsonProperty("flagged") long flagged,
                                 @JsonProperty("precision") double precision,
                                 @JsonProperty("recall") double recall,
                                 @JsonProperty("f1") double f1,
                                 @JsonProperty("confusion_matrix") ConfusionCounts confusionMatrix,
                                 @JsonProperty("recall_per_scenario") List<ScenarioResult> recallPerScenario,
                                 @JsonProperty("feature_correlation") List<Correlation> featureCorrelation,
                                 @JsonProperty("feature_importance") Importance featureImportance,
                                 @JsonProperty("deviant_features") DeviantFeatures deviantFeatures,
                                 @JsonProperty("top_alerts") List<TopAlert> topAlerts,
                                 @JsonProperty("config") Map<String, Object> config) {
    }

    @JsonPropertyOrder({"scenario", "anomalies", "detected", "recall"})
    public record ScenarioResult(@JsonProperty("scenario") String scenario, @JsonProperty("anomalies") long anomalies,
                                 @JsonProperty("detected") long detected, @JsonProperty("recall") Double recall) {
    }

    @JsonPropertyOrder({"feature", "correlation"})
    public record Correlation(@JsonProperty("feature") String feature, @JsonProperty("correlation") Double correlation) {
    }

    @JsonPropertyOrder({"kind", "features"})
    public record Importance(@JsonProperty("kind") String kind, @JsonProperty("features") List<Weight> features) {
    }

    @JsonPropertyOrder({"feature", "importance"})
    public record Weight(@JsonProperty("feature") String feature, @JsonProperty("importance") Double importance) {
    }

    @JsonPropertyOrder({"alerts", "features"})
    public record DeviantFeatures(@JsonProperty("alerts") int alerts, @JsonProperty("features") List<DeviantFeature> features) {
    }

    @JsonPropertyOrder({"feature", "alerts"})
    public record DeviantFeature(@JsonProperty("feature") String feature, @JsonProperty("alerts") int alerts) {
    }

    @JsonPropertyOrder({"feature", "contribution"})
    public record Contribution(@JsonProperty("feature") String feature, @JsonProperty("contribution") Double contribution) {
    }

    @JsonPropertyOrder({"bias", "contributions"})
    public record Shap(@JsonProperty("bias") double bias, @JsonProperty("contributions") List<Contribution> contributions) {
    }

    /** One of a detector's highest-scored test rows, explained. */
    @JsonPropertyOrder({"rank", "row", "line", "id", "score", "risk", "severity", "label", "scenario", "reasons", "narrative", "shap", "business"})
    public record TopAlert(@JsonProperty("rank") int rank,
                           @JsonProperty("row") int row,
                           @JsonProperty("line") @JsonInclude(JsonInclude.Include.NON_NULL) Long line,
                           @JsonProperty("id") @JsonInclude(JsonInclude.Include.NON_NULL) String id,
                           @JsonProperty("score") Double score,
                           @JsonProperty("risk") Double risk,
                           @JsonProperty("severity") String severity,
                           @JsonProperty("label") int label,
                           @JsonProperty("scenario") @JsonInclude(JsonInclude.Include.NON_NULL) String scenario,
                           @JsonProperty("reasons") List<Explanation> reasons,
                           @JsonProperty("narrative") String narrative,
                           @JsonProperty("shap") @JsonInclude(JsonInclude.Include.NON_NULL) Shap shap,
                           @JsonProperty("business") @JsonInclude(JsonInclude.Include.NON_NULL) Business business) {
    }

    public static EvaluationReport build(EvaluationResult r) {
        EvaluationSettings s = r.settings();
        boolean split = !r.bundleMode();
        boolean splits = split && s.protocol().splits();
        Protocol protocol = new Protocol(split ? s.protocol().configName() : null,
                splits ? s.trainFraction() : null, splits ? Long.valueOf(s.randomState()) : null,
                splits ? (s.allAnomaliesInTest() ? "all" : "held_out") : null, s.k(), s.thresholdPercentile(), s.topK(),
                s.deviation(), r.scenarios() == null ? null : s.scenarioColumn());
        return new EvaluationReport(1, ProductVersion.get(), "evaluate", r.source(), split ? "split" : "bundle",
                split ? null : r.model(), protocol, r.rows(), r.anomalies(), r.trainRows(), r.trainNormalRows(), r.testRows(),
                r.testAnomalies(), r.detectors().stream().map(EvaluationReport::detector).toList());
    }

    public static void write(Path target, EvaluationResult r) {
        EvaluationReport report = build(r);
        AtomicFile.write(target, os -> os.write(Json.bytes(report)));
    }

    private static DetectorReport detector(DetectorEvaluation d) {
        var c = d.confusion();
        return new DetectorReport(d.name(), d.supervised(), d.baseline(), d.fittedRows(), round2(d.fitMillis()), round2(d.scoreMillis()),
                num(d.rocAuc()), num(d.averagePrecision()), new PrecisionAtK(d.k(), num(d.precisionAtK())), num(d.threshold()),
                c.tp() + c.fp(), c.precision(), c.recall(), c.f1(), ConfusionCounts.of(c),
                d.recallPerScenario().stream().map(x -> new ScenarioResult(x.scenario(), x.anomalies(), x.detected(), num(x.recall()))).toList(),
                d.correlations().stream().map(w -> new Correlation(w.feature(), num(w.value()))).toList(),
                d.importance() == null ? null : new Importance(d.importance().kind(),
                        d.importance().weights().stream().map(w -> new Weight(w.feature(), num(w.value()))).toList()),
                new DeviantFeatures(d.deviantAlerts(), d.deviantFeatures().stream()
                        .map(fc -> new DeviantFeature(fc.feature(), fc.alerts())).toList()),
                d.topAlerts().stream().map(EvaluationReport::alert).toList(),
                d.pipeline().config().toMap());
    }

    private static TopAlert alert(EvaluatedAlert a) {
        List<Explanation> reasons = a.reasons().stream().map(Explanation::of).toList();
        Shap shap = a.shap() == null ? null : new Shap(a.shap().bias(),
                a.shap().contributions().stream().map(w -> new Contribution(w.feature(), num(w.value()))).toList());
        return new TopAlert(a.rank(), a.row(), a.line() >= 0 ? a.line() : null, a.id(), num(a.score()), round2(a.risk()),
                a.severity(), a.label(), a.scenario(), reasons, a.narrative(), shap, a.business());
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100.0) / 100.0 : null;
    }
}
