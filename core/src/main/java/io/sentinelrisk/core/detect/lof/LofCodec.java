package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.neighbors.NeighborCodecs;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.error.InputException;

/**
 * How a fitted {@code LofModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class LofCodec {
    static final String MAGIC = "LOFD";
    /**
     * 2 added how duplicates were treated and each training row's point; 3 changed what
     * {@code duplicates: weighted} stores as densities (each distinct neighbour counted once).
     */
    static final int VERSION = 3;

    private LofCodec() {
    }

    static byte[] encode(FittedDetector model) {
        LofModel m = (LofModel) model;
        return new BinaryWriter(MAGIC, VERSION)
                .writeInt(m.featureCount())
                .writeInt(m.k())
                .writeString(m.metric().configName())
                .writeDoubles(m.points())
                .writeDoubles(m.kDistance())
                .writeDoubles(m.lrd())
                .writeDoubles(m.trainingScores())
                .writeString(m.duplicates().configName())
                .writeInts(m.rowOf() == null ? new int[0] : m.rowOf())
                .toByteArray();
    }

    static LofModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        int k = r.readInt();
        Metric metric;
        try {
            metric = Metric.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown metric");
        }
        double[] points = r.readDoubles();
        double[] kDistance = r.readDoubles();
        double[] lrd = r.readDoubles();
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
            if (r.version() == 2 && duplicates == Duplicates.WEIGHTED) {
                // its densities counted every copy of a neighbour: scoring them by today's rule would mix two definitions
                throw new InputException(partName + ": fitted with an earlier definition of lof duplicates: weighted; train the bundle again");
            }
        }
        r.expectEnd();
        int n = d < 1 ? -1 : points.length / d;
        if (d < 1 || k < 1 || k >= n || points.length % d != 0 || kDistance.length != n || lrd.length != n
                || (rowOf.length == 0 ? scores.length != n : rowOf.length != scores.length)
                || !NeighborCodecs.validRowOf(rowOf, n)) {
            throw r.corrupt("inconsistent sizes (features " + d + ", k " + k + ", " + n + " points, " + scores.length + " rows)");
        }
        return new LofModel(NeighborIndex.of(points, n, d, metric), points, k, kDistance, lrd, scores, duplicates,
                rowOf.length == 0 ? null : rowOf);
    }
}
