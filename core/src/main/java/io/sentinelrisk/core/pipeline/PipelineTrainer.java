package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.CalibrationTrainer;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.FitReport;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.drift.ProfileTrainer;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.ExplainerTrainer;
import io.sentinelrisk.core.metrics.LabelledMetrics;
import io.sentinelrisk.core.metrics.MetricsReport;
import io.sentinelrisk.core.prepare.Preparation;
import io.sentinelrisk.core.prepare.PreparationTrainer;
import io.sentinelrisk.core.util.Parallel;
import io.sentinelrisk.core.util.SortedColumns;
import io.sentinelrisk.core.util.Stats;
import io.sentinelrisk.core.util.StratifiedSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits a {@link Pipeline}: preparation on the feature columns, the configured detector on the
 * prepared matrix, calibration on the training scores, explanation baselines on the raw
 * columns. Deterministic for a config (its random_state), whatever the thread count.
 */
public final class PipelineTrainer {
    /** Fewer training rows than this is an error: percentiles and baselines of fewer rows mean nothing. */
    public static final int MIN_TRAINING_ROWS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(PipelineTrainer.class);

    private final SentinelConfig config;

    private static int count(int[] labels, int value) {
        int n = 0;
        for (int y : labels) {
            n += y == value ? 1 : 0;
        }
        return n;
    }

    /** Whether the configured detector learns from labels (then training needs them). */
    public static boolean learnsFromLabels(SentinelConfig config) {
        return Detectors.byType(config.detectorType()).supervised();
    }

    public PipelineTrainer(SentinelConfig config) {
        this.config = config;
    }

    /**
     * @param frame  training data whose columns carry the config's roles ({@link ColumnRoles#assign});
     *               the fit-time rules of {@link ColumnRoles#forTraining} decide the rest
     * @param labels 1/0 per row, or null when unlabelled
     */
    public TrainedPipeline fit(Frame frame, int[] labels) {
        return fit(frame, labels, null, null);
    }

    /**
     * Fits on {@code sample}, a uniform sample of rows of the training data, of which
     * {@code whole} holds what the column rules need ({@link ColumnFacts}): preparation,
     * detector, calibration, explanation baselines and the drift profile all come from the
     * sample, and the training summary says so ({@code sample}: rows fitted on, rows read).
     * An unsupervised detector only: a supervised one splits the labelled rows of the whole data.
     */
    public TrainedPipeline fitSample(Frame sample, int[] labels, ColumnFacts whole) {
        return fitSample(sample, labels, whole, null);
    }

    /**
     * {@link #fitSample(Frame, int[], ColumnFacts)} with every row of the data at hand
     * ({@code keptRows}, or null): its rows are scored once the detector is grown, the sample's
     * training scores picked from them, and the rest kept in it for scoring every row
     * ({@link KeptRowScores}).
     */
    public TrainedPipeline fitSample(Frame sample, int[] labels, ColumnFacts whole, KeptRowScores keptRows) {
        if (whole == null) {
            throw new IllegalArgumentException("a sample needs the facts of the whole data");
        }
        return fit(sample, labels, whole, keptRows);
    }

    private TrainedPipeline fit(Frame frame, int[] labels, ColumnFacts whole, KeptRowScores keptRows) {
        if (frame.rows() < MIN_TRAINING_ROWS) {
            throw new InputException("training needs at least " + MIN_TRAINING_ROWS + " rows, the data has " + frame.rows());
        }
        if (labels != null && labels.length != frame.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + frame.rows() + " rows");
        }
        requireColumn(frame, "entity_column", config.entityColumn());
        requireColumn(frame, "time_column", config.timeColumn());
        ColumnRoles.Resolved roles = ColumnRoles.forTraining(frame, config, labels, whole);
        for (String w : roles.warnings()) {
            LOG.warn(w);
        }
        DetectorFactory factory = Detectors.byType(config.detectorType());
        if (factory.supervised()) {
            if (whole != null) {
                throw new IllegalArgumentException("detector '" + factory.type() + "' learns from labels: fit it on the whole data");
            }
            return fitSupervised(factory, roles, labels);
        }
        return fitOn(factory, roles, roles.frame(), labels, null, whole == null ? -1 : whole.rows(), keptRows);
    }

    /**
     * A supervised detector is fitted on a stratified, seeded part of the labelled rows and
     * measured on the rest, so the report says how it does on rows it never saw.
     */
    private TrainedPipeline fitSupervised(DetectorFactory factory, ColumnRoles.Resolved roles, int[] labels) {
        Frame frame = roles.frame();
        if (labels == null) {
            throw new InputException("detector '" + factory.type() + "' learns from labels: give --labels or a label column");
        }
        StratifiedSplit split = StratifiedSplit.of(labels, config.validationFraction(), config.randomState());
        int[] trainLabels = StratifiedSplit.select(labels, split.train());
        int[] heldLabels = StratifiedSplit.select(labels, split.holdout());
        if (count(trainLabels, 1) == 0 || count(trainLabels, 0) == 0 || count(heldLabels, 1) == 0) {
            throw new InputException("detector '" + factory.type() + "' needs anomalies and normal rows in both the training and the "
                    + "validation part; the data has " + count(labels, 1) + " anomalies in " + labels.length + " rows");
        }
        Frame held = frame.selectRows(split.holdout());
        return fitOn(factory, roles, frame.selectRows(split.train()), trainLabels, new Validation(held, heldLabels), -1, null);
    }

    /** A column the config names for alerts' entity or event time must exist in the training data. */
    private static void requireColumn(Frame frame, String key, String column) {
        if (column != null && frame.schema().indexOf(column) < 0) {
            throw new InputException("config '" + key + "' names column '" + column + "', which the data does not have; its columns are "
                    + String.join(", ", frame.schema().names()));
        }
    }

    /** The training summary's {@code sample}: how many rows the fit saw, of how many read, and what that means. */
    private static Map<String, Object> sampleNote(int rows, long rowsRead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("of", rowsRead);
        m.put("note", "fitted on a uniform sample of " + rows + " of " + rowsRead + " rows: preparation, detector, "
                + "calibration, explanation baselines and the drift profile come from the sample; constant and "
                + "row-number columns were found on every row");
        return m;
    }

    private record Validation(Frame frame, int[] labels) {
    }

    /** The calibrated threshold's flags of the training rows: for the training metrics. */
    private static boolean[] flags(double[] scores, Calibration calibration) {
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = calibration.isAnomaly(scores[i]);
        }
        return predicted;
    }

    /**
     * The numeric feature columns, each sorted once: the preparation's fill values, the
     * explainer's baselines and the drift profile all read them (each took a selection or a sort
     * of its own).
     */
    private static SortedColumns sortedFeatures(Frame frame, int threads) {
        List<double[]> columns = new ArrayList<>();
        for (int i = 0; i < frame.columnCount(); i++) {
            if (frame.schema().field(i).role() == ColumnRole.FEATURE && frame.column(i) instanceof Column.Numeric n) {
                columns.add(n.values());
            }
        }
        return SortedColumns.of(columns, threads);
    }

    /**
     * @param rowsRead the rows of the data {@code frame} is a uniform sample of, or -1 when it is the data
     * @param keptRows every row of that data, scored here once the detector is grown, or null
     */
    private TrainedPipeline fitOn(DetectorFactory factory, ColumnRoles.Resolved roles, Frame frame, int[] labels,
                                  Validation validation, long rowsRead, KeptRowScores keptRows) {
        int threads = config.effectiveThreads();
        long t0 = System.nanoTime();
        SortedColumns sortedColumns = sortedFeatures(frame, threads);
        Preparation preparation = new PreparationTrainer(config.preprocessing()).fit(frame, sortedColumns, threads);
        Matrix x = preparation.transform(frame, threads);
        long t1 = System.nanoTime();

        FittedDetector detector = factory
                .trainer(config.detectorParams(), config.randomState())
                .fit(x, labels, threads);
        long t2 = System.nanoTime();

        // Fit-time scores: neighbour detectors leave each row out of its own neighbourhood, so
        // that calibration sees training rows the way it will see new ones. With every row at
        // hand, the other detectors' sample scores are picked from every row's, walked once.
        double[] scores = keptRows == null ? TrainingScores.of(detector, x, threads)
                : keptRows.trainingScores(preparation, detector, x, threads);
        // Calibration (then the tie warning and the training metrics' flags, which need it), the
        // ranking half of the training metrics (it needs only the scores and labels), the drift
        // profile and the explainer's baselines: four tasks that two threads take in turn when
        // there are two (the same results). The longest come first, so the last goes to whichever
        // thread is free first.
        double[][] sortedOut = new double[1][];
        Calibration[] calibrationOut = new Calibration[1];
        LabelledMetrics.Ranked[] rankedOut = new LabelledMetrics.Ranked[1];
        boolean[][] flagsOut = new boolean[1][];
        Explainer[] explainerOut = new Explainer[1];
        TrainingProfile[] profileOut = new TrainingProfile[1];
        @SuppressWarnings("unchecked")
        Optional<String>[] tieOut = new Optional[1];
        Parallel.forRange(4, threads, 1, (from, to) -> {
            for (int task = from; task < to; task++) {
                switch (task) {
                    case 0 -> {
                        sortedOut[0] = Stats.sortedFinite(scores);   // once, for calibration and the summary
                        calibrationOut[0] = new CalibrationTrainer(config.contamination(), config.severityBands(),
                                config.scoreFloor()).fitSorted(sortedOut[0]);
                        tieOut[0] = CalibrationTrainer.tieWarning(scores, calibrationOut[0], config.contamination());
                        flagsOut[0] = labels == null ? null : flags(scores, calibrationOut[0]);
                    }
                    case 1 -> rankedOut[0] = labels == null ? null : LabelledMetrics.ranked(scores, labels);
                    case 2 -> profileOut[0] = new ProfileTrainer().fit(frame, scores, sortedColumns);
                    default -> explainerOut[0] = new ExplainerTrainer().fit(frame, sortedColumns);
                }
            }
        });
        double[] sorted = sortedOut[0];
        Calibration calibration = calibrationOut[0];
        Explainer explainer = explainerOut[0];
        List<String> warnings = new ArrayList<>(roles.warnings());
        tieOut[0].ifPresent(w -> {
            LOG.warn(w);
            warnings.add(w);
        });
        long t3 = System.nanoTime();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", frame.rows());
        if (rowsRead >= 0) {
            summary.put("sample", sampleNote(frame.rows(), rowsRead));
        }
        summary.put("input_columns", frame.columnCount());
        summary.put("prepared_features", preparation.featureCount());
        summary.put("excluded_columns", roles.excludedForReport());
        summary.put("warnings", warnings);
        Map<String, Object> dist = new LinkedHashMap<>();
        dist.put("min", sorted[0]);
        dist.put("median", Stats.quantileSorted(sorted, 0.5));
        dist.put("p99", Stats.quantileSorted(sorted, 0.99));
        dist.put("max", sorted[sorted.length - 1]);
        summary.put("training_scores", dist);
        if (detector instanceof FitReport choice) {
            summary.put("detector_choice", choice.fitReport());
        }
        if (labels != null) {
            // how the calibrated threshold's flags of the training rows agree with their labels
            summary.put("training_metrics", MetricsReport.of(LabelledMetrics.of(rankedOut[0], flagsOut[0], labels)));
        }
        if (validation != null) {
            double[] held = new double[validation.frame().rows()];
            detector.score(preparation.transform(validation.frame()), held, threads);
            boolean[] predicted = new boolean[held.length];
            for (int i = 0; i < held.length; i++) {
                predicted[i] = calibration.isAnomaly(held[i]);
            }
            summary.put("validation_metrics", MetricsReport.of(held, predicted, validation.labels()));
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("prepare_ms", (t1 - t0) / 1e6);
        timings.put("fit_ms", (t2 - t1) / 1e6);
        timings.put("calibrate_ms", (t3 - t2) / 1e6);
        TrainingProfile profile = profileOut[0];
        Pipeline pipeline = new Pipeline(frame.schema(), config, preparation, detector, calibration, explainer, summary,
                null, profile);
        return new TrainedPipeline(pipeline, scores, timings);
    }
}
