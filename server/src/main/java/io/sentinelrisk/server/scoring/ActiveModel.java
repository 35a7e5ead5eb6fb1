package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.features.scoring.EventScorer;

/**
 * A model the server scores with: a registered version, its fitted pipeline, the core scorer
 * (thread-safe) and an event scorer used to read JSON records into the model's frame. The
 * per-entity feature state of ingested events is not held here but by {@link EntityStates}, per
 * source and feature plan, so the same model may score several sources. Immutable as a whole;
 * promotion swaps the instance, so a request that took this one finishes on it.
 *
 * @param version the registry's version id
 * @param fields  which event fields name the entity and the event time
 */
public record ActiveModel(String version, Pipeline pipeline, Scorer scorer, EventScorer events, EventFields fields) {
    public static ActiveModel of(String version, Pipeline pipeline, String entityField, String timeField) {
        return new ActiveModel(version, pipeline, new Scorer(pipeline), new EventScorer(pipeline),
                EventFields.resolve(pipeline, entityField, timeField));
    }

    /** True when scoring needs per-entity state (the bundle has a feature plan). */
    public boolean stateful() {
        return pipeline.features().isPresent();
    }
}
