package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.RiskLookup;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.judge.HybridJudge;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.mapping.CompiledMapping;
import io.sentinelrisk.core.prepare.Preparation;
import io.sentinelrisk.core.util.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The fitted pipeline: preparation, detector, calibration and explainer, with the schema and
 * effective config they were fitted with. The one scoring path of the product: the batch CLI,
 * the server and streaming jobs all call {@link #score}. Immutable and thread-safe; stored and
 * loaded as one bundle file ({@code io.sentinelrisk.core.bundle.Bundles}).
 */
public final class Pipeline {
    private final Schema schema;
    private final SentinelConfig config;
    private final Preparation preparation;
    private final FittedDetector detector;
    private final Calibration calibration;
    private final Explainer explainer;
    private final Map<String, Object> trainingSummary;
    private final FeaturePart features;
    private final TrainingProfile profile;
    private final CompiledMapping mapping;
    private final HybridJudge judge;
    /** The calibration's risk lookup, made when first scored. */
    private RiskLookup riskLookup;

    public Pipeline(Schema schema, SentinelConfig config, Preparation preparation, FittedDetector detector,
                    Calibration calibration, Explainer explainer, Map<String, Object> trainingSummary) {
        this(schema, config, preparation, detector, calibration, explainer, trainingSummary, null);
    }

    /**
     * @param features the feature plan whose columns the schema's feature columns include, or null
     *                 when the model reads its input as it is
     */
    public Pipeline(Schema schema, SentinelConfig config, Preparation preparation, FittedDetector detector,
                    Calibration calibration, Explainer explainer, Map<String, Object> trainingSummary,
                    FeaturePart features) {
        this(schema, config, preparation, detector, calibration, explainer, trainingSummary, features, (TrainingProfile) null);
    }

    /**
     * @param features the feature plan whose columns the schema's feature columns include, or null
     * @param profile  the training profile drift is measured against, or null (bundles made before it)
     */
    public Pipeline(Schema schema, SentinelConfig config, Preparation preparation, FittedDetector detector,
                    Calibration calibration, Explainer explainer, Map<String, Object> trainingSummary,
                    FeaturePart features, TrainingProfile profile) {
        this(schema, config, preparation, detector, calibration, explainer, trainingSummary, features, profile, null, null);
    }

    /**
     * @param mapping the business mapping, checked against {@code schema} (a located error when it
     *                reads a column the schema lacks), or null for none
     * @param judge   the hybrid judge whose probability is the final score, or null; its
     *                autoencoder must be {@code detector} and {@code calibration} must be fitted on
     *                its probabilities
     */
    public Pipeline(Schema schema, SentinelConfig config, Preparation preparation, FittedDetector detector,
                    Calibration calibration, Explainer explainer, Map<String, Object> trainingSummary,
                    FeaturePart features, TrainingProfile profile, BusinessMapping mapping, HybridJudge judge) {
        if (judge != null && judge.autoencoder() != detector) {
            throw new IllegalArgumentException("the judge's autoencoder must be the pipeline's detector");
        }
        this.judge = judge;
        if (detector.featureCount() != preparation.featureCount()) {
            throw new IllegalArgumentException("detector reads " + detector.featureCount()
                    + " features, preparation makes " + preparation.featureCount());
        }
        this.schema = schema;
        this.config = config;
        this.preparation = preparation;
        this.detector = detector;
        this.calibration = calibration;
        this.explainer = explainer;
        this.trainingSummary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainingSummary));
        if (features != null) {
            for (String c : features.featureColumns()) {
                if (schema.indexOf(c) < 0) {
                    throw new IllegalArgumentException("feature column " + c + " is not in the schema");
                }
            }
        }
        this.features = features;
        this.profile = profile;
        this.mapping = mapping == null ? null : mapping.compile(schema);
    }

    /** This pipeline with the feature plan its input was computed with (see {@link FeaturePart}). */
    public Pipeline withFeatures(FeaturePart part) {
        return new Pipeline(schema, config, preparation, detector, calibration, explainer, trainingSummary, part, profile,
                businessMapping(), judge);
    }

    /**
     * This pipeline (whose detector is the judge's autoencoder) with a hybrid judge: scores become
     * the judge's probabilities, calibrated by {@code judgeCalibration}; {@code summary} replaces
     * the training summary.
     */
    public Pipeline withJudge(HybridJudge judge, Calibration judgeCalibration, Map<String, Object> summary) {
        return new Pipeline(schema, config, preparation, detector, judgeCalibration, explainer, summary, features, profile,
                businessMapping(), judge);
    }

    /** The hybrid judge, when the bundle has one. */
    public Optional<HybridJudge> judge() {
        return Optional.ofNullable(judge);
    }

    /**
     * This pipeline with another calibration (thresholds refitted on recent traffic, say) and
     * training summary; every other part is kept.
     */
    public Pipeline withCalibration(Calibration recalibrated, Map<String, Object> summary) {
        return new Pipeline(schema, config, preparation, detector, recalibrated, explainer, summary, features, profile,
                businessMapping(), judge);
    }

    /** This pipeline with the training profile drift is measured against. */
    public Pipeline withProfile(TrainingProfile trainingProfile) {
        return new Pipeline(schema, config, preparation, detector, calibration, explainer, trainingSummary, features,
                trainingProfile, businessMapping(), judge);
    }

    /** The training profile for drift detection; empty in bundles made before it was kept. */
    public Optional<TrainingProfile> profile() {
        return Optional.ofNullable(profile);
    }

    /**
     * This pipeline with a business mapping (docs/mapping.md), checked against its columns: an
     * unknown column in a condition or a placeholder is an InputException at the place it was written.
     */
    public Pipeline withMapping(BusinessMapping m) {
        return new Pipeline(schema, config, preparation, detector, calibration, explainer, trainingSummary, features, profile, m,
                judge);
    }

    /** The business mapping the bundle carries, compiled against the schema; empty without one. */
    public Optional<CompiledMapping> mapping() {
        return Optional.ofNullable(mapping);
    }

    private BusinessMapping businessMapping() {
        return mapping == null ? null : mapping.mapping();
    }

    /** The feature plan the bundle carries; empty when the model reads its input as it is. */
    public Optional<FeaturePart> features() {
        return Optional.ofNullable(features);
    }

    /**
     * The columns a raw event brings: the schema without the columns the feature plan computes
     * (the whole schema without a feature plan).
     */
    public Schema inputSchema() {
        if (features == null) {
            return schema;
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (!features.featureColumns().contains(f.name())) {
                fields.add(f);
            }
        }
        return new Schema(fields);
    }

    /** Scores every row of {@code frame} (checked against the training columns; {@code source} names it in errors). */
    public ScoredBatch score(Frame frame, String source, int threads) {
        SchemaCheck.requireCompatible(schema, frame, source);
        if (judge == null) {
            return calibrated(rawScores(frame, threads));
        }
        int t = Math.max(1, threads);
        Matrix x = preparation.transform(frame);
        double[] raw = new double[x.rows()];
        detector.score(x, raw, t);
        Matrix inputs = judge.inputs(x, t);
        double[] p = judge.probability(inputs, t);
        ScoredBatch b = calibrated(p);
        return new ScoredBatch(b.score(), b.risk(), b.severity(), b.isAnomaly(), raw, judge.predictClass(inputs));
    }

    /**
     * {@link #score} of {@code frame} from its raw detector scores {@code raw} (one a row), computed
     * before by this pipeline's preparation and detector ({@link KeptRowScores}): calibrated, not
     * walked again. A pipeline with a judge scores with {@link #score}.
     */
    public ScoredBatch calibrate(Frame frame, String source, double[] raw) {
        SchemaCheck.requireCompatible(schema, frame, source);
        if (judge != null || raw.length != frame.rows()) {
            throw new IllegalArgumentException(judge != null ? "a judged pipeline scores with score()"
                    : raw.length + " raw scores for " + frame.rows() + " rows");
        }
        return calibrated(raw);
    }

    /**
     * The judge's strongest {@code top} attributions (TreeSHAP contributions to the log-odds,
     * largest |value| first) for rows {@code rows} of {@code frame}; empty lists without a judge.
     * Each row's attributions are computed on that row alone, the same in any block.
     */
    public List<List<FeatureWeight>> judgeAttributions(Frame frame, int[] rows, int top) {
        List<List<FeatureWeight>> out = new ArrayList<>(rows.length);
        if (judge == null || top <= 0) {
            for (int ignored : rows) {
                out.add(List.of());
            }
            return out;
        }
        Matrix inputs = judge.inputs(preparation.transform(frame.selectRows(rows)), 1);
        Matrix c = judge.attributions(inputs);
        List<String> names = judge.inputNames();
        int d = names.size();
        for (int i = 0; i < rows.length; i++) {
            // the top attributions by selection (top is small): largest |value| first, ties in input order
            boolean[] taken = new boolean[d];
            List<FeatureWeight> ws = new ArrayList<>(Math.min(top, d));
            for (int k = 0; k < Math.min(top, d); k++) {
                int best = -1;
                for (int j = 0; j < d; j++) {
                    if (!taken[j] && (best < 0 || Math.abs(c.get(i, j)) > Math.abs(c.get(i, best)))) {
                        best = j;
                    }
                }
                taken[best] = true;
                ws.add(new FeatureWeight(names.get(best), c.get(i, best)));
            }
            out.add(ws);
        }
        return out;
    }


    /** Risk, severity and is_anomaly of raw detector scores. */
    ScoredBatch calibrated(double[] raw) {
        int n = raw.length;
        double[] risk = new double[n];
        Severity[] severity = new Severity[n];
        boolean[] anomaly = new boolean[n];
        RiskLookup lookup = riskLookup;
        if (lookup == null) {
            lookup = new RiskLookup(calibration);
            riskLookup = lookup;   // immutable: a thread that sees another's copy, or makes its own, gets the same risks
        }
        for (int i = 0; i < n; i++) {
            risk[i] = lookup.risk(raw[i]);
            severity[i] = calibration.severity(raw[i]);
            anomaly[i] = calibration.isAnomaly(raw[i]);
        }
        return new ScoredBatch(raw, risk, severity, anomaly);
    }

    /** Raw detector scores of a frame whose columns were already checked. */
    double[] rawScores(Frame frame, int threads) {
        Matrix x = preparation.transformTransient(frame);   // read by the detector only, then dropped
        double[] out = new double[x.rows()];
        detector.score(x, out, Math.max(1, threads));
        return out;
    }

    /** The {@code top} strongest reasons why row {@code row} of {@code frame} is odd. */
    public List<Reason> explain(Frame frame, int row, int top) {
        return explainer.top(frame, row, top);
    }

    /** The feature and deviation of {@code explain(frame, row, 1)}'s reason, without its text; null without one. */
    public Explainer.Strongest strongest(Frame frame, int row) {
        return explainer.strongest(frame, row);
    }

    public Schema schema() {
        return schema;
    }

    public SentinelConfig config() {
        return config;
    }

    public Preparation preparation() {
        return preparation;
    }

    public FittedDetector detector() {
        return detector;
    }

    public Calibration calibration() {
        return calibration;
    }

    public Explainer explainer() {
        return explainer;
    }

    /** What training saw and measured (rows, timings, metrics when labelled), for reports. */
    public Map<String, Object> trainingSummary() {
        return trainingSummary;
    }

    /** Default thread count for this pipeline's config. */
    public int threads() {
        return config.threads() > 0 ? config.threads() : Parallel.defaultThreads();
    }
}
