package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.FeatureImportance;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.explain.ScoreCorrelation;
import io.sentinelrisk.core.explain.ShapValues;
import io.sentinelrisk.core.export.TopAlerts;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.mapping.ScoreFacts;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.metrics.Curves;
import io.sentinelrisk.core.metrics.PercentileThreshold;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.pipeline.ColumnRoles;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.pipeline.TrainedPipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates detectors on labelled data. Two ways:
 *
 * <ul>
 *   <li>{@link #fitAndTest} under {@link EvaluationProtocol#UNSUPERVISED}: every detector fitted on
 *   every row without labels and measured on those rows; under {@link EvaluationProtocol#ADBENCH}:
 *   a seeded stratified split, fitted on every training row (anomalies left in, unlabelled),
 *   tested on the test part; under {@link EvaluationProtocol#SEMI_SUPERVISED} (below):
 *   a seeded stratified split ({@link Split}); each unsupervised detector
 *   is fitted on the <em>normal</em> rows of the training part only (the anomalies there are
 *   never seen), a supervised one ({@code random_forest}, {@code xgboost}) on every training row
 *   with its label. All are scored on the same rows: every row not fitted on (the test part and
 *   the training part's anomalies: the SOC lab's protocol, unsupervised detectors only), or the
 *   held-out test part alone ({@link EvaluationSettings#allAnomaliesInTest()} false).</li>
 *   <li>{@link #testBundle}: a fitted bundle scores every row; nothing is fitted.</li>
 * </ul>
 *
 * Scoring goes through {@link Pipeline#score}, the product's one scoring path. The label column
 * and the scenario column are never features; the other columns' roles follow
 * {@link ColumnRoles}, as in train, score and demo.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * @param data    labelled input (roles assigned; the label column, if any, has role LABEL)
     * @param configs one effective config per detector to evaluate, in report order
     */
    public static EvaluationResult fitAndTest(Dataset data, List<SentinelConfig> configs, EvaluationSettings settings) {
        return fitAndTest(data, configs, settings, null);
    }

    /** As above, each fitted pipeline with the business {@code mapping} (null: none) applied to its top alerts. */
    public static EvaluationResult fitAndTest(Dataset data, List<SentinelConfig> configs, EvaluationSettings settings,
                                              BusinessMapping mapping) {
        int[] labels = requireBothClasses(data);
        Frame frame = ColumnRoles.asGroundTruth(data.frame(), settings.scenarioColumn());
        String[] scenarios = scenarios(frame, settings.scenarioColumn());
        if (settings.protocol() == EvaluationProtocol.UNSUPERVISED) {
            return unsupervised(data, frame, labels, scenarios, configs, settings);
        }
        boolean adbench = settings.protocol() == EvaluationProtocol.ADBENCH;
        Split split = Split.stratified(labels, settings.trainFraction(), settings.randomState());
        int[] trainNormal = Split.withLabel(split.train(), labels, 0);
        int[] fittedRows = adbench ? split.train() : trainNormal;
        if (fittedRows.length < PipelineTrainer.MIN_TRAINING_ROWS) {
            throw new InputException(data.source() + ": the training part has " + fittedRows.length
                    + (adbench ? "" : " normal") + " row(s); fitting needs at least " + PipelineTrainer.MIN_TRAINING_ROWS
                    + " (more rows, or a larger train fraction)");
        }
        if (split.test().length == 0) {
            throw new InputException(data.source() + ": the test part is empty (more rows, or a smaller train fraction)");
        }
        int[] tested = split.test();
        if (settings.allAnomaliesInTest()) {
            for (SentinelConfig cfg : configs) {
                if (Detectors.byType(cfg.detectorType()).supervised()) {
                    throw new InputException(cfg.detectorType() + " learns from the anomalies of the training part, "
                            + "so they cannot also be tested: evaluate it on the held-out test part only (--test-anomalies held-out)");
                }
            }
            tested = union(split.test(), Split.withLabel(split.train(), labels, 1));
        }
        Frame unsupervisedFrame = Rows.take(frame, fittedRows);
        Frame trainFrame = Rows.take(frame, split.train());
        int[] trainLabels = Rows.take(labels, split.train());
        Tested test = new Tested(data.source(), Rows.take(frame, tested), tested,
                Rows.take(labels, tested), scenarios == null ? null : Rows.take(scenarios, tested),
                data.lineNumbers());

        List<DetectorEvaluation> results = new ArrayList<>();
        for (SentinelConfig cfg : configs) {
            boolean supervised = Detectors.byType(cfg.detectorType()).supervised();
            long t0 = System.nanoTime();
            Pipeline fittedPipeline = supervised
                    ? new PipelineTrainer(cfg).fit(trainFrame, trainLabels).pipeline()
                    : new PipelineTrainer(cfg).fit(unsupervisedFrame, null).pipeline();
            Pipeline pipeline = mapping == null ? fittedPipeline : fittedPipeline.withMapping(mapping);
            double fitMs = (System.nanoTime() - t0) / 1e6;
            int fitted = supervised ? trainFrame.rows() : unsupervisedFrame.rows();
            results.add(assess(cfg.detectorType(), pipeline, null, fitted, fitMs, test, settings, cfg.effectiveThreads()));
        }
        return new EvaluationResult(data.source(), settings, null, labels.length, count(labels),
                split.train().length, trainNormal.length, tested, test.labels, test.scenarios, results);
    }

    /**
     * The unsupervised protocol: every detector fitted on every row without labels and measured
     * on those rows' fit-time scores, as the calibration saw them ({@link TrainedPipeline#baselineScores}).
     */
    private static EvaluationResult unsupervised(Dataset data, Frame frame, int[] labels, String[] scenarios,
                                                 List<SentinelConfig> configs, EvaluationSettings settings) {
        for (SentinelConfig cfg : configs) {
            if (Detectors.byType(cfg.detectorType()).supervised()) {
                throw new InputException(cfg.detectorType() + " learns from labels, which the unsupervised protocol "
                        + "never shows a detector: evaluate it with --protocol semi-supervised --test-anomalies held-out, "
                        + "or --protocol adbench");
            }
        }
        int[] all = new int[labels.length];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        Tested test = new Tested(data.source(), frame, all, labels, scenarios, data.lineNumbers());
        List<DetectorEvaluation> results = new ArrayList<>();
        for (SentinelConfig cfg : configs) {
            long t0 = System.nanoTime();
            TrainedPipeline trained = new PipelineTrainer(cfg).fit(frame, null);
            double fitMs = (System.nanoTime() - t0) / 1e6;
            ScoredBatch baseline = trained.baselineScores(frame, data.source(), cfg.effectiveThreads());
            results.add(assess(cfg.detectorType(), trained.pipeline(), baseline, frame.rows(), fitMs, test, settings,
                    cfg.effectiveThreads()));
        }
        return new EvaluationResult(data.source(), settings, null, labels.length, count(labels),
                labels.length, labels.length - count(labels), all, labels, scenarios, results);
    }

    /** Scores every row of {@code data} with a fitted bundle and evaluates it; {@code model} names the bundle. */
    public static EvaluationResult testBundle(Dataset data, Pipeline pipeline, String model, EvaluationSettings settings,
                                              int threads) {
        int[] labels = requireBothClasses(data);
        Frame frame = ColumnRoles.asGroundTruth(data.frame(), settings.scenarioColumn());
        String[] scenarios = scenarios(frame, settings.scenarioColumn());
        if (scenarios != null && pipeline.schema().indexOf(settings.scenarioColumn()) < 0) {
            frame = frame.without(settings.scenarioColumn());   // the model never saw it
        }
        int[] all = new int[labels.length];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        Tested test = new Tested(data.source(), frame, all, labels, scenarios, data.lineNumbers());
        DetectorEvaluation result = assess(pipeline.detector().type(), pipeline, null, 0, 0, test, settings, threads);
        return new EvaluationResult(data.source(), settings, model, labels.length, count(labels), 0, 0,
                all, labels, scenarios, List.of(result));
    }

    /** The evaluated rows: a frame of them, where each came from, their labels and scenarios. */
    private record Tested(String source, Frame frame, int[] inputRows, int[] labels, String[] scenarios, long[] lines) {
    }

    /** {@code scored}: the tested rows' scores when already known (fit-time scores), else null to score them here. */
    private static DetectorEvaluation assess(String name, Pipeline pipeline, ScoredBatch scored, int fittedRows, double fitMs,
                                             Tested test, EvaluationSettings s, int threads) {
        long t0 = System.nanoTime();
        ScoredBatch batch = scored != null ? scored : pipeline.score(test.frame, test.source, threads);
        double scoreMs = (System.nanoTime() - t0) / 1e6;
        double[] scores = batch.score();
        int[] y = test.labels;

        PercentileThreshold cut = PercentileThreshold.of(scores, s.thresholdPercentile());
        boolean[] flagged = cut.flag(scores);
        Confusion confusion = Confusion.of(flagged, y);

        List<String> names = pipeline.preparation().featureNames();
        Matrix x = pipeline.preparation().transform(test.frame);
        List<FeatureWeight> correlations = ScoreCorrelation.of(x, scores, names);
        FeatureImportance importance = FeatureImportance.of(pipeline.detector(), names).orElse(null);

        int[] top = TopAlerts.select(scores, Math.max(s.topK(), s.k()));
        List<EvaluatedAlert> alerts = alerts(pipeline, test, batch, x, names, top, s.topK());
        int deviantAlerts = Math.min(s.k(), top.length);
        List<FeatureCount> deviant = deviantFeatures(pipeline.explainer(), test.frame, top, deviantAlerts, s.deviation());

        return new DetectorEvaluation(name, pipeline, fittedRows, scores,
                RankingMetrics.rocAuc(scores, y), RankingMetrics.averagePrecision(scores, y), s.k(),
                RankingMetrics.precisionAtK(scores, y, s.k()), cut.threshold(), confusion,
                recallPerScenario(y, test.scenarios, flagged), Curves.roc(scores, y), Curves.precisionRecall(scores, y),
                correlations, importance, deviant, deviantAlerts, alerts, fitMs, scoreMs);
    }

    private static List<EvaluatedAlert> alerts(Pipeline pipeline, Tested test, ScoredBatch batch, Matrix x,
                                               List<String> names, int[] top, int topK) {
        int n = Math.min(topK, top.length);
        int[] rows = java.util.Arrays.copyOf(top, n);
        List<ShapValues> shap = ShapValues.of(pipeline.detector(), x.selectRows(rows), names);
        int topFeatures = Math.max(1, pipeline.config().explainTopFeatures());
        List<Field> ids = ColumnRoles.asTrained(test.frame, pipeline.schema()).schema().withRole(ColumnRole.ID);
        FrameMapper mapper = pipeline.mapping().map(m -> m.bind(test.frame)).orElse(null);
        List<EvaluatedAlert> out = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            int r = rows[rank];
            int inputRow = test.inputRows[r];
            List<Reason> reasons = pipeline.explain(test.frame, r, topFeatures);
            Business business = mapper == null ? null : mapper.business(r, new ScoreFacts(batch.score()[r], batch.risk()[r],
                    batch.severity()[r], batch.isAnomaly()[r], null), () -> reasons);
            out.add(new EvaluatedAlert(rank + 1, inputRow, test.lines == null ? -1 : test.lines[inputRow],
                    id(test.frame, ids, r), batch.score()[r], batch.risk()[r], batch.severity()[r].id(),
                    test.labels[r], test.scenarios == null ? null : test.scenarios[r], reasons,
                    Explainer.narrative(reasons), shap.isEmpty() ? null : shap.get(rank), business));
        }
        return out;
    }

    private static String id(Frame frame, List<Field> ids, int row) {
        if (ids.isEmpty()) {
            return null;
        }
        if (ids.size() == 1) {
            return frame.column(ids.get(0).name()).text(row);
        }
        List<String> parts = new ArrayList<>();
        for (Field f : ids) {
            parts.add(f.name() + "=" + frame.column(f.name()).text(row));
        }
        return String.join(", ", parts);
    }

    /** Per feature: among the first {@code alerts} of {@code top}, how many are ≥ {@code deviation} std from normal in it. */
    static List<FeatureCount> deviantFeatures(Explainer explainer, Frame frame, int[] top, int alerts, double deviation) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < alerts; i++) {
            for (Reason r : explainer.explain(frame, top[i])) {
                if (Math.abs(r.deviation()) >= deviation) {
                    counts.merge(r.feature(), 1, Integer::sum);
                }
            }
        }
        List<FeatureCount> out = new ArrayList<>();
        counts.forEach((f, c) -> out.add(new FeatureCount(f, c)));
        out.sort(Comparator.comparingInt((FeatureCount c) -> -c.alerts()).thenComparing(FeatureCount::feature));
        return out;
    }

    /** Recall at the threshold of each scenario among the labelled anomalies, by scenario name. */
    static List<ScenarioRecall> recallPerScenario(int[] labels, String[] scenarios, boolean[] flagged) {
        if (scenarios == null) {
            return List.of();
        }
        Map<String, int[]> byName = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                int[] c = byName.computeIfAbsent(scenarios[i], k -> new int[2]);
                c[0]++;
                if (flagged[i]) {
                    c[1]++;
                }
            }
        }
        List<ScenarioRecall> out = new ArrayList<>();
        byName.forEach((name, c) -> out.add(new ScenarioRecall(name, c[0], c[1])));
        return out;
    }

    private static int[] requireBothClasses(Dataset data) {
        int[] labels = data.labels();
        if (labels == null) {
            throw new InputException(data.source() + " has no labels: evaluation needs a label column "
                    + "(see --label-column) or a labels file (--labels)");
        }
        int anomalies = count(labels);
        if (anomalies == 0 || anomalies == labels.length) {
            throw new InputException(data.source() + ": the labels hold " + (anomalies == 0 ? "no anomalies" : "only anomalies")
                    + "; evaluation needs both normal and anomalous rows");
        }
        return labels;
    }

    private static String[] scenarios(Frame frame, String column) {
        Column c = column == null ? null : frame.column(column);
        if (c == null) {
            return null;
        }
        String[] out = new String[c.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = c.isMissing(r) ? "(none)" : c.text(r);
        }
        return out;
    }

    /** The rows of both sorted index arrays, sorted. */
    private static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        java.util.Arrays.sort(out);
        return out;
    }

    private static int count(int[] labels) {
        int n = 0;
        for (int y : labels) {
            n += y;
        }
        return n;
    }
}
