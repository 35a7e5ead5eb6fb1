package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.CalibrationTrainer;
import io.sentinelrisk.core.config.SentinelConfig;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.ExplainerTrainer;
import io.sentinelrisk.core.metrics.MetricsReport;
import io.sentinelrisk.core.prepare.Preparation;
import io.sentinelrisk.core.prepare.PreparationTrainer;
import io.sentinelrisk.core.util.Stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits a {@link Pipeline}: preparation on the feature columns, the configured detector on the
 * prepared matrix, calibration on the training scores, explanation baselines on the raw
 * columns. Deterministic for a config (its random_state), whatever the thread count.
 */
public final class PipelineTrainer {
    private final SentinelConfig config;

    public PipelineTrainer(SentinelConfig config) {
        this.config = config;
    }

    /**
     * @param frame  training data whose columns carry their roles (see {@link ColumnRoles}); no label column
     * @param labels 1/0 per row, or null when unlabelled
     */
    public TrainedPipeline fit(Frame frame, int[] labels) {
        if (frame.rows() < 2) {
            throw new InputException("training needs at least 2 rows, found " + frame.rows());
        }
        if (labels != null && labels.length != frame.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + frame.rows() + " rows");
        }
        int threads = config.effectiveThreads();
        long t0 = System.nanoTime();
        Preparation preparation = new PreparationTrainer(config.preprocessing()).fit(frame);
        Matrix x = preparation.transform(frame);
        long t1 = System.nanoTime();

        DetectorFactory factory = Detectors.byType(config.detectorType());
        FittedDetector detector = factory
                .trainer(config.detectorParams(), config.randomState(), config.contamination())
                .fit(x, labels, threads);
        long t2 = System.nanoTime();

        double[] scores = new double[x.rows()];
        detector.score(x, scores, threads);
        Calibration calibration = new CalibrationTrainer(config.contamination(), config.severityBands(), config.scoreFloor())
                .fit(scores);
        Explainer explainer = new ExplainerTrainer().fit(frame);
        long t3 = System.nanoTime();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", frame.rows());
        summary.put("input_columns", frame.columnCount());
        summary.put("prepared_features", preparation.featureCount());
        double[] sorted = Stats.sortedFinite(scores);
        Map<String, Object> dist = new LinkedHashMap<>();
        dist.put("min", sorted[0]);
        dist.put("median", Stats.quantileSorted(sorted, 0.5));
        dist.put("p99", Stats.quantileSorted(sorted, 0.99));
        dist.put("max", sorted[sorted.length - 1]);
        summary.put("training_scores", dist);
        if (labels != null) {
            boolean[] predicted = new boolean[scores.length];
            for (int i = 0; i < scores.length; i++) {
                predicted[i] = calibration.isAnomaly(scores[i]);
            }
            summary.put("training_metrics", MetricsReport.of(scores, predicted, labels));
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("prepare_ms", (t1 - t0) / 1e6);
        timings.put("fit_ms", (t2 - t1) / 1e6);
        timings.put("calibrate_ms", (t3 - t2) / 1e6);
        Pipeline pipeline = new Pipeline(frame.schema(), config, preparation, detector, calibration, explainer, summary);
        return new TrainedPipeline(pipeline, scores, timings);
    }
}
