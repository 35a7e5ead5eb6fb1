package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.explain.Explainer;
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
        this(schema, config, preparation, detector, calibration, explainer, trainingSummary, features, profile, null);
    }

    /**
     * @param mapping the business mapping, checked against {@code schema} (a located error when it
     *                reads a column the schema lacks), or null for none
     */
    public Pipeline(Schema schema, SentinelConfig config, Preparation preparation, FittedDetector detector,
                    Calibration calibration, Explainer explainer, Map<String, Object> trainingSummary,
                    FeaturePart features, TrainingProfile profile, BusinessMapping mapping) {
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
                businessMapping());
    }

    /** This pipeline with the training profile drift is measured against. */
    public Pipeline withProfile(TrainingProfile trainingProfile) {
        return new Pipeline(schema, config, preparation, detector, calibration, explainer, trainingSummary, features,
                trainingProfile, businessMapping());
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
        return new Pipeline(schema, config, preparation, detector, calibration, explainer, trainingSummary, features, profile, m);
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
        return calibrated(rawScores(frame, threads));
    }

    /** Risk, severity and is_anomaly of raw detector scores. */
    ScoredBatch calibrated(double[] raw) {
        int n = raw.length;
        double[] risk = new double[n];
        Severity[] severity = new Severity[n];
        boolean[] anomaly = new boolean[n];
        for (int i = 0; i < n; i++) {
            risk[i] = calibration.risk(raw[i]);
            severity[i] = calibration.severity(raw[i]);
            anomaly[i] = calibration.isAnomaly(raw[i]);
        }
        return new ScoredBatch(raw, risk, severity, anomaly);
    }

    /** Raw detector scores of a frame whose columns were already checked. */
    double[] rawScores(Frame frame, int threads) {
        Matrix x = preparation.transform(frame);
        double[] out = new double[x.rows()];
        detector.score(x, out, Math.max(1, threads));
        return out;
    }

    /** The {@code top} strongest reasons why row {@code row} of {@code frame} is odd. */
    public List<Reason> explain(Frame frame, int row, int top) {
        return explainer.top(frame, row, top);
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
