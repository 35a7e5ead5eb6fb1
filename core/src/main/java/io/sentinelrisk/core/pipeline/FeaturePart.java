package io.sentinelrisk.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature plan a pipeline was trained with, as the bundle keeps it: core stores it as opaque,
 * checksummed data and never interprets the spec (the {@code features} module compiles it into a
 * live feature stage). What core does know is which of its input columns the stage computes
 * ({@code featureColumns}), so that raw events are checked against the other columns only.
 *
 * @param origin         where the spec came from ({@code pack:soc} or a file name), for messages
 * @param spec           the spec's YAML text, exactly as it was compiled at training time
 * @param featureColumns the columns the stage adds to every raw event, in order
 * @param plan           a description of the compiled plan (entity, timestamp, TTL, windows,
 *                       lateness rule) for people reading the manifest; not used to score
 */
public record FeaturePart(String origin, String spec, List<String> featureColumns, Map<String, Object> plan) {
    public FeaturePart {
        featureColumns = List.copyOf(featureColumns);
        plan = Collections.unmodifiableMap(new LinkedHashMap<>(plan));
    }
}
