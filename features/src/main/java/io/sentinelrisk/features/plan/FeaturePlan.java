package io.sentinelrisk.features.plan;

import io.sentinelrisk.features.spec.AggKind;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.InputType;
import io.sentinelrisk.features.spec.Window;

import java.util.List;

/**
 * A spec compiled into the few building blocks both engines implement: input slots, per-event
 * values, window aggregates over those values, previous-event lookups, and features as typed
 * expressions over all of these. The SQL compiler and the streaming engine each read this one
 * plan, which is what keeps their results equal.
 *
 * <p>Semantics (also in docs/features.md): the history of event e of entity E at time t is E's
 * events with timestamp strictly before t. Events at exactly t — e itself and its ties — are
 * never part of it. A time window W holds the history events with {@code t - W <= ts < t}; a count
 * window N holds the N latest history events in (timestamp, input position) order. An entity with
 * no event for longer than {@code ttlMs} starts afresh.
 */
public record FeaturePlan(FeatureSpec spec, List<Slot> slots, int[] entitySlots, int timestampSlot, long ttlMs,
                          List<ValueSource> values, List<AggSpec> aggs, List<PrevSpec> prevs,
                          List<PlannedFeature> features) {

    /** An input column: its logical name in the spec, its name in the data, its type. */
    public record Slot(int index, String logical, String column, InputType type) {
        public Ty ty() {
            return switch (type) {
                case NUMERIC, BOOLEAN -> type == InputType.BOOLEAN ? Ty.BOOL : Ty.NUM;
                case STRING -> Ty.STR;
                case TIMESTAMP -> Ty.TIME;
            };
        }
    }

    /**
     * A value computed for every event: {@code where} true → {@code of} (or 1 when {@code of} is
     * null), otherwise null. Type NUM or STR.
     */
    public record ValueSource(int index, TExpr of, TExpr where, Ty type) {
    }

    /**
     * An aggregate of value {@code value} over {@code window} of the history. {@code bySlot} ≥ 0:
     * count only history events whose by-slot equals the current event's (null when the current
     * one is null). Empty history: count, distinct_count and sum give 0, the others null.
     */
    public record AggSpec(int index, AggKind kind, int value, Window window, int bySlot, double q) {
    }

    /**
     * The latest history event in (timestamp, input position) order — among those whose value
     * {@code match} is non-null when {@code match >= 0} — gives its time and, when
     * {@code value >= 0}, its value {@code value}.
     */
    public record PrevSpec(int index, int match, int value) {
    }

    /** A feature as a typed expression; {@code integral} features are written as integers. */
    public record PlannedFeature(int index, String name, TExpr expr, Ty type, boolean output, boolean integral) {
    }

    /** Whether any part needs sessions (count windows and previous-event lookups do). */
    public boolean needsSessions() {
        return !prevs.isEmpty() || aggs.stream().anyMatch(a -> a.window() instanceof Window.Events);
    }

    public List<PlannedFeature> outputs() {
        return features.stream().filter(PlannedFeature::output).toList();
    }

    public Slot slot(String logical) {
        for (Slot s : slots) {
            if (s.logical().equals(logical)) {
                return s;
            }
        }
        return null;
    }
}
