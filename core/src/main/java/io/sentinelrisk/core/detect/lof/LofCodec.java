package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.neighbors.NeighborTable;
import io.sentinelrisk.core.detect.support.ParamChecks;
import io.sentinelrisk.core.error.InputException;
import java.util.List;

/**
 * How a fitted {@code LofModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class LofCodec {
    static final String MAGIC = "LOFD";
    static final int VERSION = 1;

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
        r.expectEnd();
        int n = scores.length;
        if (d < 1 || k < 1 || k >= n || points.length % d != 0 || points.length / d != n
                || kDistance.length != n || lrd.length != n) {
            throw r.corrupt("inconsistent sizes (features " + d + ", k " + k + ", " + n + " rows)");
        }
        return new LofModel(NeighborIndex.of(points, n, d, metric), points, k, kDistance, lrd, scores);
    }
}
