package io.sentinelrisk.stream.kafka;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

import java.nio.charset.StandardCharsets;

/**
 * One record of the compacted state topic: an entity's feature state or its entity risk, keyed so
 * that compaction keeps the latest of each ({@code features:<entity>}, {@code risk:<entity>}), or
 * the drift monitor's state (one key, {@code drift:}, entity empty).
 * The value names the input topic and the model, so a topic kept for another one is refused.
 *
 * @param kind    what the bytes are
 * @param entity  whose
 * @param topic   the input topic scored
 * @param modelId the bundle's model id
 * @param bytes   the entity's {@code EntityStateCodec} bytes, its {@code RunningRisk} bytes, or the
 *                drift monitor's {@code DriftMonitor#stateBytes}
 */
record StateRecord(Kind kind, String entity, String topic, String modelId, byte[] bytes) {
    private static final String MAGIC = "SRST";
    private static final int VERSION = 1;

    enum Kind {
        FEATURES("features:"), RISK("risk:"), DRIFT("drift:");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    byte[] key() {
        return (kind.prefix + entity).getBytes(StandardCharsets.UTF_8);
    }

    byte[] value() {
        return new BinaryWriter(MAGIC, VERSION).writeString(topic).writeString(modelId).writeBytes(bytes).toByteArray();
    }

    /** The record of a state topic message; {@code source} names it in errors. */
    static StateRecord read(byte[] key, byte[] value, String source) {
        String k = new String(key, StandardCharsets.UTF_8);
        Kind kind = null;
        for (Kind c : Kind.values()) {
            if (k.startsWith(c.prefix)) {
                kind = c;
            }
        }
        BinaryReader r = new BinaryReader(value, source, MAGIC, VERSION);
        if (kind == null) {
            throw r.corrupt("a key '" + k + "' that is none of features:ENTITY, risk:ENTITY, drift:");
        }
        String topic = r.readString();
        String model = r.readString();
        byte[] bytes = r.readBytes();
        r.expectEnd();
        return new StateRecord(kind, k.substring(kind.prefix.length()), topic, model, bytes);
    }
}
