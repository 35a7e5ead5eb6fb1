package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.CalibrationTrainer;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.autoencoder.AutoencoderModel;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.judge.HybridJudge;
import io.sentinelrisk.core.judge.HybridJudgeTrainer;
import io.sentinelrisk.core.judge.JudgeLabels;
import io.sentinelrisk.core.judge.JudgeSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits a pipeline with a hybrid judge, in two stages that can run apart:
 * <ol>
 * <li>{@link #fitAutoencoder}: preparation and the autoencoder on the normal-looking rows of the
 * training split (a plain pipeline whose detector is the autoencoder);</li>
 * <li>{@link #fitJudge}: the judge's detectors and booster on every labelled training row, the
 * threshold on the validation rows, and the calibration of risk and severity on the judge's
 * probabilities of all rows.</li>
 * </ol>
 * The split comes from the labels and {@code random_state} alone, so both stages find the same
 * rows. Labels come from any source ({@link JudgeLabels}); this is the API retraining calls with
 * analysts' verdicts.
 */
public final class JudgePipelineTrainer {
    private final SentinelConfig config;
    private final JudgeSettings settings;

    /** @param config the pipeline's config; its detector must be the autoencoder (with its parameters) */
    public JudgePipelineTrainer(SentinelConfig config, JudgeSettings settings) {
        if (!config.detectorType().equals("autoencoder")) {
            throw new IllegalArgumentException("the judge's pipeline detector is the autoencoder, found " + config.detectorType());
        }
        this.config = config;
        this.settings = settings;
    }

    /**
     * The settings a fitted judge was trained with (kept in its summary), validated again; a judge
     * whose summary has none gets the defaults. Retraining refits with them.
     */
    public static JudgeSettings settingsOf(HybridJudge judge) {
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) judge.summary().get("settings");
        return JudgeSettings.of(stored == null ? Map.of() : stored, Detectors.catalog(), "the judge's stored settings", key -> null);
    }

    /** Both stages at once. */
    public Pipeline fit(Frame frame, JudgeLabels labels) {
        return fitJudge(fitAutoencoder(frame, labels).pipeline(), frame, labels);
    }

    public HybridJudgeTrainer.Split split(JudgeLabels labels) {
        return HybridJudgeTrainer.split(labels, settings.validationFraction(), config.randomState());
    }

    /** Stage 1: preparation and autoencoder on the normal-looking training rows. */
    public TrainedPipeline fitAutoencoder(Frame frame, JudgeLabels labels) {
        requireRows(frame, labels);
        int[] normal = split(labels).normalTrainingRows(labels);
        return new PipelineTrainer(config).fit(frame.selectRows(normal), null);
    }

    /** Stage 2: the judge on top of a stage-1 pipeline; returns the pipeline that scores with it. */
    public Pipeline fitJudge(Pipeline autoencoderStage, Frame frame, JudgeLabels labels) {
        requireRows(frame, labels);
        if (!(autoencoderStage.detector() instanceof AutoencoderModel autoencoder)) {
            throw new InputException("the judge is trained on an autoencoder stage; this model's detector is "
                    + autoencoderStage.detector().type());
        }
        SchemaCheck.requireCompatible(autoencoderStage.schema(), frame, "judge training data");
        int threads = config.effectiveThreads();
        Matrix x = autoencoderStage.preparation().transform(frame);
        HybridJudge judge = new HybridJudgeTrainer(settings, Detectors.catalog(), config.randomState())
                .fit(x, autoencoderStage.preparation().featureNames(), autoencoder, labels, split(labels),
                        categories(frame, labels), threads);
        double[] p = judge.probabilityOfPrepared(x, threads);
        Calibration c = new CalibrationTrainer(config.contamination(), config.severityBands(), config.scoreFloor()).fit(p);
        // the judge's threshold, chosen on validation rows, decides is_anomaly; risk and severity
        // stay percentiles of the training probabilities
        Calibration judged = new Calibration(c.grid(), c.criticalAt(), c.highAt(), c.mediumAt(), judge.threshold(), c.scoreFloor());
        Map<String, Object> summary = new LinkedHashMap<>(autoencoderStage.trainingSummary());
        summary.put("judge", judge.summary());
        return autoencoderStage.withJudge(judge, judged, summary);
    }

    /**
     * The category of each row for the multi-class option: the class column's value where the
     * row's label is a true one (a label column, file or verdict), null elsewhere (heuristic
     * pseudo-labels say nothing of the category); null without a class column.
     */
    private String[] categories(Frame frame, JudgeLabels labels) {
        String column = settings.classColumn();
        if (column == null) {
            return null;
        }
        int index = frame.schema().indexOf(column);
        if (index < 0) {
            throw new InputException("judge.class_column '" + column + "' is not a column of the training data; the columns are "
                    + String.join(", ", frame.schema().names()));
        }
        String[] out = new String[frame.rows()];
        for (int r = 0; r < out.length; r++) {
            JudgeLabels.Source s = labels.source(r);
            String v = frame.column(index).text(r);
            out[r] = (s == JudgeLabels.Source.TRUE_LABEL || s == JudgeLabels.Source.VERDICT) && !v.isEmpty() ? v : null;
        }
        return out;
    }

    private static void requireRows(Frame frame, JudgeLabels labels) {
        if (frame.rows() != labels.rows()) {
            throw new IllegalArgumentException(labels.rows() + " labels for " + frame.rows() + " rows");
        }
    }
}
