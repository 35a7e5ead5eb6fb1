package io.sentinelrisk.stream;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.entity.EntityRisk;
import io.sentinelrisk.core.entity.RunningRisk;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.io.Timestamps;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entity risk over a stream of alerts, with core's formula ({@link EntityRisk}, as
 * {@code sentinel entities} ranks a file of alerts): each alert above the threshold with an
 * entity and an event time moves its entity's {@link RunningRisk}, and the move is a
 * {@link RiskUpdate} to publish. One-process mode keeps every entity's risk here ({@link #add});
 * an engine with keyed state keeps it per entity and calls {@link #next}.
 */
public final class EntityRisks {
    private final EntityRisk decay;
    private final Map<String, RunningRisk> byEntity = new HashMap<>();

    public EntityRisks(long halfLifeMs) {
        this.decay = new EntityRisk(halfLifeMs);
    }

    public long halfLifeMs() {
        return decay.halfLifeMillis();
    }

    /** The update an alert makes, or null when it moves no risk (not an anomaly, or no entity or time). */
    public RiskUpdate add(Alert alert) {
        EntityAlert a = placed(alert);
        if (a == null) {
            return null;
        }
        RunningRisk r = byEntity.getOrDefault(a.entity(), RunningRisk.NONE).add(a, decay);
        byEntity.put(a.entity(), r);
        return RiskUpdate.of(a.entity(), r, halfLifeMs(), alert.alertId());
    }

    /** An entity's risk so far ({@link RunningRisk#NONE} without alerts). */
    public RunningRisk of(String entity) {
        return byEntity.getOrDefault(entity, RunningRisk.NONE);
    }

    /** Sets an entity's risk (restored from saved state). */
    public void put(String entity, RunningRisk risk) {
        byEntity.put(entity, risk);
    }

    /**
     * Keyed mode: the entity's risk after alert {@code a} (one {@link #placed} gave) given its risk
     * before (null: none yet); {@link #update} makes the message.
     */
    public RunningRisk next(RunningRisk before, EntityAlert a) {
        return (before == null ? RunningRisk.NONE : before).add(a, decay);
    }

    /** The message of an entity's risk after alert {@code alertId} moved it. */
    public RiskUpdate update(String entity, RunningRisk after, String alertId) {
        return RiskUpdate.of(entity, after, halfLifeMs(), alertId);
    }

    /** The alert as entity risk counts it (as {@code sentinel entities} reads alerts.json), or null when it does not count. */
    public static EntityAlert placed(Alert alert) {
        if (!alert.isAnomaly() || alert.entity() == null || alert.entity().isEmpty() || alert.eventTime() == null) {
            return null;
        }
        long t = Timestamps.parse(alert.eventTime());
        if (t == io.sentinelrisk.core.data.Column.Timestamp.MISSING) {
            return null;
        }
        Severity s = Severity.valueOf(alert.severity().toUpperCase(Locale.ROOT));
        EntityAlert a = new EntityAlert(alert.alertId(), 0, alert.entity(), t, alert.risk(), s, s.id());
        return a.placed() ? a : null;
    }
}
