package io.sentinelrisk.features.spec;

import io.sentinelrisk.core.error.InputLocation;

/**
 * One feature of a spec, as written. Every feature of an event is computed from the event's own
 * columns and from its entity's history (events strictly earlier in time); see docs/features.md.
 */
public sealed interface FeatureDef {
    String name();

    /** false for a helper that other features use but that is not written out. */
    boolean output();

    InputLocation location();

    /**
     * An aggregate over a window of the history. {@code of} is null for {@code count} of events;
     * {@code where} filters the history events (null = all); {@code by} (count only, time windows)
     * counts only history events whose {@code by} column equals the current event's; {@code q} is
     * the quantile's level.
     */
    record Aggregate(String name, AggKind kind, Source of, Window window, Source where, String by, double q,
                     boolean output, InputLocation location) implements FeatureDef {
    }

    /** {@code (of - mean) / std} with mean and std over the window's history values. */
    record ZScore(String name, Source of, Window window, Source where, boolean output, InputLocation location)
            implements FeatureDef {
    }

    /** Seconds since the entity's previous event (matching {@code where} when given). */
    record TimeSincePrevious(String name, Source where, boolean output, InputLocation location) implements FeatureDef {
    }

    /** The value of {@code of} at the entity's previous event (matching {@code where} when given). */
    record Previous(String name, Source of, Source where, boolean output, InputLocation location) implements FeatureDef {
    }

    /** Arithmetic over the event's columns and earlier features; a flag is a condition written as 1/0. */
    record Derived(String name, Source expr, boolean flag, boolean output, InputLocation location) implements FeatureDef {
    }
}
