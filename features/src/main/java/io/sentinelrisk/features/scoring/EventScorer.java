package io.sentinelrisk.features.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.ingest.RecordReader;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.core.pipeline.Scorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores raw events with a bundle: the bundle's feature stage when it has one (keeping every
 * entity's point-in-time state from event to event), then core's {@link Scorer}. One event (a
 * typed row or a JSON object) and a block of rows walk the same code: {@link #enrich} then
 * {@link Scorer#score}. Stateful when the bundle has features, so not thread-safe; without
 * features it adds nothing to the core scorer.
 *
 * <p>A bad event (late, no entity, no timestamp, a value of the wrong type) is an InputException
 * and leaves its entity's state as it was; in a block, the events before it in time order have
 * already updated their entities.
 */
public final class EventScorer {
    private final Pipeline pipeline;
    private final Scorer scorer;
    private final FeatureStage stage;

    public EventScorer(Pipeline pipeline) {
        this(pipeline, 0);
    }

    /**
     * An event scorer whose feature stage keeps idle entities {@code allowedLatenessMs} longer
     * in memory ({@link FeatureStage#of(io.sentinelrisk.core.pipeline.FeaturePart, long)}).
     */
    public EventScorer(Pipeline pipeline, long allowedLatenessMs) {
        this.pipeline = pipeline;
        this.scorer = new Scorer(pipeline);
        this.stage = pipeline.features().map(p -> FeatureStage.of(p, allowedLatenessMs)).orElse(null);
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The feature stage, when the bundle has a feature plan. */
    public Optional<FeatureStage> stage() {
        return Optional.ofNullable(stage);
    }

    /**
     * A block of raw events with the bundle's features added (the block itself without a feature
     * plan); updates the entities' state.
     */
    public Frame enrich(Frame raw, long[] lines, String source) {
        return stage == null ? raw : stage.enrich(raw, lines, source);
    }

    /** Scores a block of raw events, each against its entity's state, in the block's row order. */
    public List<ScoredRecord> score(Frame raw, long[] lines, String source, int threads) {
        return scorer.score(enrich(raw, lines, source), source, threads);
    }

    /** Scores one raw event given as a JSON object (fields the model does not read are ignored). */
    public ScoredRecord score(JsonNode event, String source) {
        return score(records(List.of(event), source), null, source, 1).get(0);
    }

    /**
     * JSON records as a frame of the raw columns a bundle reads: the model's feature and id
     * columns, and the columns its feature plan reads whatever their role in the model.
     */
    public Frame records(List<JsonNode> events, String source) {
        Schema input = pipeline.inputSchema();
        List<Field> reading = new ArrayList<>();
        for (Field f : input.fields()) {
            // the feature plan may read a column the model ignores (read it as an id: kept, not a feature)
            reading.add(stage != null && f.role() == ColumnRole.IGNORE ? f.withRole(ColumnRole.ID) : f);
        }
        Frame frame = RecordReader.toFrame(events, new Schema(reading), source);
        List<Field> roles = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            roles.add(input.field(input.indexOf(f.name())));
        }
        return frame.withSchema(new Schema(roles));
    }

    /** Starts the entities from a state file written by an earlier run. */
    public void readState(Path file) {
        requireFeatures("--state").readState(file);
    }

    /** Writes the entities' state for a later run to start from. */
    public void writeState(Path file) {
        requireFeatures("--state-out").writeState(file);
    }

    /**
     * The feature stage; an InputException naming {@code flag} when the bundle has no feature
     * plan (then there is no entity state to read or write).
     */
    public FeatureStage requireFeatures(String flag) {
        if (stage == null) {
            throw new InputException(flag + " goes with a model trained with --features: "
                    + "this one has no feature plan, so there is no entity state");
        }
        return stage;
    }
}
