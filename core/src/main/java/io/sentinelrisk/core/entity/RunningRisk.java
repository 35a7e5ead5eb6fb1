package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

/**
 * One entity's {@link EntityRisk} kept up to date alert by alert, for a stream: after any sequence
 * of {@link #add}s it is what {@link EntityRisk#rank} gives over the same alerts as of the latest
 * of their times (the same formula, R = Σ riskᵢ · 2^(−(T − tᵢ) / h), summed incrementally: the
 * running sum is decayed to each newer alert's time, and an alert older than the latest is added
 * decayed to it). Immutable; a few numbers, so a stream keeps one per entity in its keyed state.
 *
 * @param risk      R at {@code asOfMillis}, unrounded
 * @param asOfMillis the latest alert's event time
 * @param alerts    alerts added
 * @param maxRisk   the highest alert risk
 * @param severity  the most severe alert's severity
 * @param firstMillis the first alert's event time
 */
public record RunningRisk(double risk, long asOfMillis, int alerts, double maxRisk, Severity severity, long firstMillis) {
    /** An entity without alerts. */
    public static final RunningRisk NONE = new RunningRisk(0, EntityAlert.NO_TIME, 0, 0, Severity.INFO, Long.MAX_VALUE);
    private static final String MAGIC = "SRRR";
    private static final int VERSION = 1;

    /** With one more alert; an alert that cannot be placed (no entity or no time) changes nothing, as in {@link EntityRisk#rank}. */
    public RunningRisk add(EntityAlert a, EntityRisk decay) {
        if (!a.placed()) {
            return this;
        }
        long t = a.eventMillis();
        double r;
        long asOf;
        if (alerts == 0) {
            r = a.risk();
            asOf = t;
        } else if (t >= asOfMillis) {
            r = risk * decay.decay(t - asOfMillis) + a.risk();
            asOf = t;
        } else {
            r = risk + a.risk() * decay.decay(asOfMillis - t);
            asOf = asOfMillis;
        }
        Severity s = a.severity().ordinal() > severity.ordinal() ? a.severity() : severity;
        return new RunningRisk(r, asOf, alerts + 1, Math.max(maxRisk, a.risk()), s, Math.min(firstMillis, t));
    }

    /** As {@link EntityRisk#rank} reports it (2 decimals), as of the latest alert. */
    public EntityScore score(String entity) {
        return EntityRisk.score(entity, risk, alerts, maxRisk, severity, firstMillis, asOfMillis);
    }

    public byte[] toBytes() {
        return new BinaryWriter(MAGIC, VERSION).writeDouble(risk).writeLong(asOfMillis).writeInt(alerts).writeDouble(maxRisk)
                .writeInt(severity.ordinal()).writeLong(firstMillis).toByteArray();
    }

    /** Reads what {@link #toBytes()} wrote; {@code source} names it in errors. */
    public static RunningRisk fromBytes(byte[] bytes, String source) {
        BinaryReader r = new BinaryReader(bytes, source, MAGIC, VERSION);
        double risk = r.readDouble();
        long asOf = r.readLong();
        int n = r.readInt();
        double max = r.readDouble();
        int sev = r.readInt();
        long first = r.readLong();
        r.expectEnd();
        if (n < 0 || sev < 0 || sev >= Severity.values().length) {
            throw r.corrupt("an entity risk of " + n + " alerts and severity " + sev);
        }
        return new RunningRisk(risk, asOf, n, max, Severity.values()[sev], first);
    }
}
