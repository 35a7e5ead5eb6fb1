package io.sentinelrisk.cli;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.features.scoring.FeatureStage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small things the commands share. */
final class CommandSupport {
    private CommandSupport() {
    }

    /** Config overrides from the flags of a command (null = not given). */
    static Map<String, Object> overrides(ConfigOverrides flags, InputOptions input, ExportOptions exports) {
        Map<String, Object> m = flags == null ? new LinkedHashMap<>() : flags.toMap();
        if (input != null) {
            m.put("label_column", input.labelColumn);
            m.put("delimiter", input.delimiter);
        }
        if (exports != null) {
            exports.check();   // every command that exports reads its flags here first, before any work
            m.put("top_n", exports.topN);
        }
        return m;
    }

    /** What training reads: the data, with the features of --features added, and the stage that added them. */
    record Training(Dataset data, FeatureStage stage) {
        /** The pipeline as the bundle keeps it: with the feature plan when there is one. */
        Pipeline withFeatures(Pipeline pipeline) {
            return new FeatureData.Training(data, stage).withFeatures(pipeline);
        }

        /** Writes the entities' state at the end of the training data when --state-out asks for it. */
        void writeState(InputOptions input) {
            if (input.stateOut != null) {
                stage.writeState(input.stateOut);
            }
        }
    }

    /**
     * Reads the input of train (and of evaluate when it fits detectors): the CSV as it is, or with
     * the point-in-time features of {@code --features} computed by the streaming engine, the same
     * code that computes them at score time from the bundle's feature plan.
     */
    static Training loadForTraining(InputOptions input, SentinelConfig cfg) {
        return loadForTraining(input, cfg, new Stopwatch());
    }

    /** {@link #loadForTraining(InputOptions, SentinelConfig)}, timing {@code read} and {@code features} on {@code watch}. */
    static Training loadForTraining(InputOptions input, SentinelConfig cfg, Stopwatch watch) {
        refuseDb(input);
        if (input.state != null) {
            throw new InputException("--state goes with score and predict: training computes every entity's features "
                    + "from its first event in the data");
        }
        if (input.features == null && input.stateOut != null) {
            throw new InputException("--state-out goes with --features: without a feature plan there is no entity state");
        }
        FeatureData.Training t = FeatureData.forTraining(input.input, input.labels, input.labelColumn != null, cfg,
                input.features == null ? null : input.features.toString(), watch::lap);
        return new Training(t.data(), t.stage());
    }

    /**
     * Reads raw events to score with a bundle: the columns the model was trained on, before its
     * features, which {@code scorer} adds from the bundle's feature plan (starting from
     * {@code --state} when given).
     */
    static Dataset loadForScoring(InputOptions input, SentinelConfig cfg, EventScorer scorer) {
        return loadForScoring(input, cfg, scorer, new Stopwatch());
    }

    /** {@link #loadForScoring(InputOptions, SentinelConfig, EventScorer)}, timing {@code read} and {@code features} on {@code watch}. */
    static Dataset loadForScoring(InputOptions input, SentinelConfig cfg, EventScorer scorer, Stopwatch watch) {
        refuseDb(input);
        Pipeline pipeline = scorer.pipeline();
        if (input.features != null) {
            throw new InputException(pipeline.features()
                    .map(f -> "--features: the model carries its feature plan (" + f.origin() + ") and computes it itself; leave out --features")
                    .orElse("--features: the model was trained without features; train with --features to score with them"));
        }
        if (input.stateOut != null) {
            scorer.requireFeatures("--state-out");   // before any work: refused without a feature plan
        }
        if (input.state != null) {
            scorer.readState(input.state);
        }
        return FeatureData.forScoring(input.input, input.labels, input.labelColumn != null, cfg, scorer, watch::lap);
    }

    /** Writes the entities' state after scoring when --state-out asks for it. */
    static void writeState(InputOptions input, EventScorer scorer) {
        if (input.stateOut != null) {
            scorer.writeState(input.stateOut);
        }
    }

    private static void refuseDb(InputOptions input) {
        if (input.db != null) {
            throw new InputException("--db: a model's features are computed by the streaming engine, the code that also "
                    + "scores event by event, so that training and scoring see the same features; --db serves "
                    + "'sentinel features build' (then train on its output)");
        }
    }
}
