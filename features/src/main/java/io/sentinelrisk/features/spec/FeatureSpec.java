package io.sentinelrisk.features.spec;

import io.sentinelrisk.core.error.InputLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature spec: which columns identify the entity, which one holds the event time, the typed
 * input columns the features read (by logical name), how logical names map onto the columns of a
 * given data set, and the features. Loaded by {@link SpecReader}; compiled by
 * {@code io.sentinelrisk.features.plan.Planner}.
 *
 * @param entity       logical names of the entity key columns (empty = the whole stream is one entity)
 * @param entityTtlMs  an entity idle for longer than this starts afresh; null = the default
 * @param columns      logical name → type, in the order written (entity and timestamp included)
 * @param mapping      logical name → column name in the data, for names that differ
 * @param locations    where each logical column was declared, for messages
 */
public record FeatureSpec(String name, String description, List<String> entity, String timestamp,
                          TimestampFormat timestampFormat, Long entityTtlMs, Map<String, InputType> columns,
                          Map<String, String> mapping, List<FeatureDef> features, String origin,
                          Map<String, InputLocation> locations) {

    /** Default TTL when the spec gives none and no window is longer: 7 days. */
    public static final long DEFAULT_TTL_MS = 7 * 86_400_000L;

    public FeatureSpec {
        entity = List.copyOf(entity);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        mapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        features = List.copyOf(features);
        locations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    /** The column name in the data for a logical name. */
    public String columnFor(String logical) {
        return mapping.getOrDefault(logical, logical);
    }

    /** This spec with extra mappings (logical → data column) layered over its own. */
    public FeatureSpec withMapping(Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>(mapping);
        m.putAll(extra);
        return new FeatureSpec(name, description, entity, timestamp, timestampFormat, entityTtlMs, columns, m,
                features, origin, locations);
    }

    /** This spec with another timestamp format. */
    public FeatureSpec withTimestampFormat(TimestampFormat format) {
        return new FeatureSpec(name, description, entity, timestamp, format, entityTtlMs, columns, mapping,
                features, origin, locations);
    }

    /** The effective TTL: the spec's, else the longest time window or 7 days, whichever is longer. */
    public long effectiveTtlMs() {
        if (entityTtlMs != null) {
            return entityTtlMs;
        }
        long ttl = DEFAULT_TTL_MS;
        for (FeatureDef f : features) {
            Window w = switch (f) {
                case FeatureDef.Aggregate a -> a.window();
                case FeatureDef.ZScore z -> z.window();
                default -> null;
            };
            if (w instanceof Window.Time t) {
                ttl = Math.max(ttl, t.millis());
            }
        }
        return ttl;
    }

    /** Names of the features that are written out, in order. */
    public List<String> outputNames() {
        return features.stream().filter(FeatureDef::output).map(FeatureDef::name).toList();
    }
}
