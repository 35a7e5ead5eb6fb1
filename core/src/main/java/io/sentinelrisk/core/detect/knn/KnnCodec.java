package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.neighbors.NeighborCodecs;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.error.InputException;

/**
 * How a fitted {@code KnnModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class KnnCodec {
    static final String MAGIC = "KNND";
    /** 2 added how duplicates were treated and each training row's point. */
    static final int VERSION = 2;

    private KnnCodec() {
    }

    static byte[] encode(FittedDetector model) {
        KnnModel m = (KnnModel) model;
        return new BinaryWriter(MAGIC, VERSION)
                .writeInt(m.featureCount())
                .writeInt(m.k())
                .writeString(m.method().configName())
                .writeString(m.metric().configName())
                .writeDoubles(m.points())
                .writeDoubles(m.trainingScores())
                .writeString(m.duplicates().configName())
                .writeInts(m.rowOf() == null ? new int[0] : m.rowOf())
                .toByteArray();
    }

    static KnnModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        int k = r.readInt();
        KnnMethod method;
        Metric metric;
        try {
            method = KnnMethod.byConfigName(r.readString());
            metric = Metric.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown method or metric");
        }
        double[] points = r.readDoubles();
        double[] scores = r.readDoubles();
        Duplicates duplicates = Duplicates.KEEP;   // version 1 kept every copy
        int[] rowOf = new int[0];
        if (r.version() >= 2) {
            try {
                duplicates = Duplicates.byConfigName(r.readString());
            } catch (IllegalArgumentException e) {
                throw r.corrupt("unknown duplicates rule");
            }
            rowOf = r.readInts();
        }
        r.expectEnd();
        int pointCount = d < 1 ? -1 : points.length / d;
        if (d < 1 || k < 1 || points.length % d != 0 || pointCount <= k
                || (rowOf.length == 0 ? pointCount != scores.length : rowOf.length != scores.length)
                || !NeighborCodecs.validRowOf(rowOf, pointCount)) {
            throw r.corrupt("inconsistent sizes (features " + d + ", k " + k + ", " + points.length + " values, "
                    + scores.length + " scores)");
        }
        NeighborIndex index = NeighborIndex.of(points, pointCount, d, metric);
        return new KnnModel(index, points, k, method, scores, duplicates, rowOf.length == 0 ? null : rowOf);
    }
}
