package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.features.scoring.EventScorer;

/**
 * The model the server scores with: a registered version, its fitted pipeline, the core scorer
 * (thread-safe) and the event scorer that keeps per-entity feature state for ingested events
 * (not thread-safe: {@link io.sentinelrisk.server.scoring.EventIngest} calls it under its lock).
 * Immutable as a whole; promotion swaps the instance, so a request that took this one finishes on it.
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
