package io.sentinelrisk.cli;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.features.scoring.FeatureStage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reading raw events with a feature plan, for every command that trains or scores: the point-in-time
 * features are computed by the streaming engine, the code that also scores event by event, so a
 * model sees the same features in training, in a batch and record by record.
 */
public final class FeatureData {
    private FeatureData() {
    }

    /** Training data, with the features of {@code stage} added when there is one, and the stage that added them. */
    public record Training(Dataset data, FeatureStage stage) {
        /** The pipeline as the bundle keeps it: with the feature plan when there is one. */
        public Pipeline withFeatures(Pipeline pipeline) {
            return stage == null ? pipeline : pipeline.withFeatures(stage.part());
        }
    }

    /**
     * Reads training data: the CSV as it is ({@code spec} null) or with the features of the feature
     * spec {@code spec} (a YAML file or {@code pack:NAME}, as {@code train --features}) computed.
     *
     * @param labels           a labels file, or null
     * @param labelColumnGiven whether the label column was named (a missing one is then an error)
     * @param lap              told {@code read}, then {@code features}, as each step ends
     */
    public static Training forTraining(Path input, Path labels, boolean labelColumnGiven, SentinelConfig cfg, String spec,
                                       Consumer<String> lap) {
        if (spec == null) {
            Training plain = new Training(DatasetLoader.load(input, cfg, labels, labelColumnGiven, null), null);
            lap.accept("read");
            return plain;
        }
        FeatureStage stage = FeatureStage.of(FeatureStage.compile(spec));
        List<String> computed = stage.featureColumns();
        Dataset raw = DatasetLoader.load(input, rawConfig(cfg, computed), labels, labelColumnGiven, null);
        lap.accept("read");
        Frame enriched = featureRoles(stage.enrich(raw.frame(), raw.lineNumbers(), raw.source()), cfg, computed);
        lap.accept("features");
        return new Training(new Dataset(raw.source() + " with features of " + spec, enriched, raw.labels(), raw.lineNumbers()),
                stage);
    }

    /**
     * Reads raw events to score with the bundle {@code scorer} holds: the columns the model was
     * trained on before its features, which the scorer adds from the bundle's feature plan.
     */
    public static Dataset forScoring(Path input, Path labels, boolean labelColumnGiven, SentinelConfig cfg, EventScorer scorer,
                                     Consumer<String> lap) {
        Pipeline pipeline = scorer.pipeline();
        List<String> computed = pipeline.features().map(FeaturePart::featureColumns).orElse(List.of());
        Dataset raw = DatasetLoader.load(input, rawConfig(cfg, computed), labels, labelColumnGiven, pipeline.inputSchema());
        lap.accept("read");
        Frame enriched = featureRoles(scorer.enrich(raw.frame(), raw.lineNumbers(), raw.source()), cfg, computed);
        if (pipeline.features().isPresent()) {
            lap.accept("features");
        }
        return new Dataset(raw.source(), enriched, raw.labels(), raw.lineNumbers());
    }

    /**
     * The config to read raw events with: id and ignored columns that name computed features are
     * left out, since the raw events do not have them yet ({@link #featureRoles} applies them).
     */
    private static SentinelConfig rawConfig(SentinelConfig cfg, List<String> computed) {
        if (computed.isEmpty()) {
            return cfg;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id_columns", cfg.idColumns().stream().filter(c -> !computed.contains(c)).toList());
        m.put("ignore_columns", cfg.ignoreColumns().stream().filter(c -> !computed.contains(c)).toList());
        return cfg.withOverrides(m, "features");
    }

    /** Gives computed features named in id_columns / ignore_columns those roles. */
    private static Frame featureRoles(Frame frame, SentinelConfig cfg, List<String> computed) {
        List<Field> fields = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            boolean ours = computed.contains(f.name());
            fields.add(ours && cfg.idColumns().contains(f.name()) ? f.withRole(ColumnRole.ID)
                    : ours && cfg.ignoreColumns().contains(f.name()) ? f.withRole(ColumnRole.IGNORE) : f);
        }
        return frame.withSchema(new Schema(fields));
    }
}
