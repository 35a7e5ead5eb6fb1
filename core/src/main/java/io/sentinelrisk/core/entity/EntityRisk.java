package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Risk per entity, aggregated over time with exponential decay (docs/entities.md):
 *
 * <pre>R(e, T) = Σ_{alerts i of e with t_i ≤ T} risk_i · 2^(−(T − t_i) / h)</pre>
 *
 * with {@code risk_i} the alert's risk (0–100), {@code T} the reference time (by default the
 * latest alert's event time) and {@code h} the half-life: an alert counts fully when it happens,
 * half after h, a quarter after 2h. Two fresh alerts of risk 99 make 198: the sum rewards
 * repetition, as analysts' risk-based alerting does. Alerts after T and alerts without entity
 * or time are left out. Immutable settings; {@link #rank} is a pure function of its input.
 *
 * @param halfLifeMillis h, &gt; 0
 */
public record EntityRisk(long halfLifeMillis) {
    public static final long DEFAULT_HALF_LIFE_MS = 24 * 3_600_000L;

    public EntityRisk {
        if (halfLifeMillis <= 0) {
            throw new IllegalArgumentException("half-life must be positive");
        }
    }

    /** The decay factor of an alert {@code ageMillis} old: 2^(−age / h). */
    public double decay(long ageMillis) {
        return Math.pow(2.0, -(double) ageMillis / halfLifeMillis);
    }

    /** The latest event time among placed alerts, or {@link EntityAlert#NO_TIME} without one. */
    public static long latest(List<EntityAlert> alerts) {
        long t = EntityAlert.NO_TIME;
        for (EntityAlert a : alerts) {
            if (a.placed()) {
                t = Math.max(t, a.eventMillis());
            }
        }
        return t;
    }

    /**
     * Every entity with an alert up to {@code asOfMillis}, highest risk first (ties by entity name).
     *
     * @param asOfMillis the reference time T, or {@link EntityAlert#NO_TIME} for the latest alert's time
     */
    public List<EntityScore> rank(List<EntityAlert> alerts, long asOfMillis) {
        long asOf = asOfMillis == EntityAlert.NO_TIME ? latest(alerts) : asOfMillis;
        Map<String, Acc> byEntity = new HashMap<>();
        for (EntityAlert a : alerts) {
            if (!a.placed() || a.eventMillis() > asOf) {
                continue;
            }
            byEntity.computeIfAbsent(a.entity(), k -> new Acc()).add(a, decay(asOf - a.eventMillis()));
        }
        List<EntityScore> out = new ArrayList<>(byEntity.size());
        byEntity.forEach((entity, acc) -> out.add(score(entity, acc.risk, acc.count, acc.maxRisk, acc.severity, acc.first, acc.last)));
        out.sort(Comparator.comparingDouble(EntityScore::risk).reversed().thenComparing(EntityScore::entity));
        return out;
    }

    /** One entity's score as reported: risks to 2 decimals, times as ISO-8601 UTC. */
    static EntityScore score(String entity, double risk, int count, double maxRisk, Severity severity, long first, long last) {
        return new EntityScore(entity, Math.round(risk * 100.0) / 100.0, count, Math.round(maxRisk * 100.0) / 100.0, severity.id(),
                Instant.ofEpochMilli(first).toString(), Instant.ofEpochMilli(last).toString());
    }

    private static final class Acc {
        double risk;
        int count;
        double maxRisk;
        Severity severity = Severity.INFO;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        void add(EntityAlert a, double decay) {
            risk += a.risk() * decay;
            count++;
            maxRisk = Math.max(maxRisk, a.risk());
            if (a.severity().ordinal() > severity.ordinal()) {
                severity = a.severity();
            }
            first = Math.min(first, a.eventMillis());
            last = Math.max(last, a.eventMillis());
        }
    }
}
