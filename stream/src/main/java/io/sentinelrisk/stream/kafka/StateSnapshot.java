package io.sentinelrisk.stream.kafka;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.AtomicFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * What the Kafka scorer saves so a restart continues where the last commit left off: the input
 * topic, the model, the next offset of every partition, and every entity's feature state as of
 * exactly those offsets. Written atomically (a temporary file renamed over the old one) before
 * the same offsets are committed to the group, so the state on disk never runs ahead of, nor
 * lags behind, the offsets it is read with. Plain data with a CRC-32C at the end; no Java
 * serialization.
 *
 * @param topic   the input topic
 * @param modelId the bundle's model id: a snapshot of another model is refused
 * @param offsets next offset to read, by partition
 * @param state   the scorer's entity state ({@code StreamScorer#stateBytes}), or null without a feature plan
 * @param drift   the drift monitor's state ({@code StreamScorer#driftStateBytes}), or null without drift
 *                monitoring (and in snapshots of format version 1, which did not keep it)
 */
public record StateSnapshot(String topic, String modelId, Map<Integer, Long> offsets, byte[] state, byte[] drift) {
    private static final String MAGIC = "SRKS";
    /** 2 adds the drift monitor's state; version 1 snapshots still read (drift then starts afresh). */
    private static final int VERSION = 2;
    /** The file in a state directory. */
    public static final String FILE = "scorer.snapshot";

    public StateSnapshot {
        offsets = Map.copyOf(offsets);
    }

    /** Writes the snapshot to {@code dir}/{@value #FILE}, replacing the previous one atomically. */
    public void write(Path dir) {
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION).writeString(topic).writeString(modelId);
        TreeMap<Integer, Long> sorted = new TreeMap<>(offsets);
        w.writeInt(sorted.size());
        sorted.forEach((p, o) -> w.writeInt(p).writeLong(o));
        optional(w, state);
        optional(w, drift);
        byte[] body = w.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] all = ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
        AtomicFile.write(dir.resolve(FILE), out -> out.write(all));
    }

    /** The snapshot in {@code dir}, or null when there is none yet. */
    public static StateSnapshot read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read the scorer's snapshot: " + e.getMessage());
        }
        if (all.length < 12) {
            throw new InputException(InputLocation.file(file.toString()), "corrupt scorer snapshot: too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
            throw new InputException(InputLocation.file(file.toString()), "corrupt scorer snapshot: it does not match its checksum");
        }
        byte[] body = java.util.Arrays.copyOf(all, all.length - 4);
        BinaryReader r = new BinaryReader(body, file.toString(), MAGIC, VERSION);
        String topic = r.readString();
        String modelId = r.readString();
        int n = r.readInt();
        if (n < 0 || n > 1_000_000) {
            throw r.corrupt("a partition count of " + n);
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            offsets.put(r.readInt(), r.readLong());
        }
        byte[] state = optional(r);
        byte[] drift = r.version() >= 2 ? optional(r) : null;
        r.expectEnd();
        return new StateSnapshot(topic, modelId, offsets, state, drift);
    }

    private static void optional(BinaryWriter w, byte[] bytes) {
        w.writeInt(bytes == null ? 0 : 1);
        if (bytes != null) {
            w.writeBytes(bytes);
        }
    }

    private static byte[] optional(BinaryReader r) {
        return r.readInt() == 1 ? r.readBytes() : null;
    }
}
