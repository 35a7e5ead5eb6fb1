package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.FittedDetector;

/**
 * How a fitted {@code stream_rcf} is stored as a bundle part: its parameters, then the whole
 * learnt state (forests with their samplers and random streams, the last rows, the likelihood
 * windows), so a model read back continues the stream exactly where training left it.
 */
final class StreamRcfCodec {
    static final String MAGIC = "SRCF";
    /**
     * 2 adds {@code spatial_tolerance} and {@code quiet_rows} and their state; 3 adds
     * {@code recall_period} and the recall flags (when the period is not 0); 4 lets a spatial alarm through a quiet period
     * (and stores which form of the quiet period a model has, so a part of version 2 or 3 written again keeps its scores).
     * Version 1 to 3 parts still read (the rules they lack are off; in 2 and 3 the quiet period also holds spatial alarms).
     */
    static final int VERSION = 4;

    private StreamRcfCodec() {
    }

    static byte[] encode(FittedDetector model) {
        StreamRcfModel m = (StreamRcfModel) model;
        StreamRcfParams p = m.params();
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(p.shingleSize()).writeInt(p.nTrees()).writeInt(p.sampleSize()).writeDouble(p.timeDecay())
                .writeInt(p.seasonLength()).writeInt(p.warmup()).writeInt(p.likelihood() ? 1 : 0)
                .writeInt(p.averageWindow()).writeInt(p.scoreWindow()).writeDouble(p.spatialTolerance())
                .writeInt(p.quietRows()).writeInt(p.recallPeriod());
        m.state().write(w);
        return w.toByteArray();
    }

    static StreamRcfModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        StreamRcfParams p;
        try {
            p = new StreamRcfParams(r.readInt(), r.readInt(), r.readInt(), r.readDouble(), r.readInt(), r.readInt(),
                    r.readInt() != 0, r.readInt(), r.readInt());
            if (r.version() >= 2) {
                p = p.withSpatialTolerance(r.readDouble()).withQuietRows(r.readInt());
            }
            if (r.version() >= 3) {
                p = p.withRecallPeriod(r.readInt());
            }
        } catch (RuntimeException e) {
            throw r.corrupt("bad parameters: " + e.getMessage());
        }
        StreamState state = StreamState.read(r, p);
        r.expectEnd();
        return new StreamRcfModel(state, null);
    }
}
