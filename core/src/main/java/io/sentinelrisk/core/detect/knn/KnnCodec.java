package io.sentinelrisk.core.detect.knn;

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
 * How a fitted {@code KnnModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class KnnCodec {
    static final String MAGIC = "KNND";
    static final int VERSION = 1;

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
        r.expectEnd();
        if (d < 1 || k < 1 || points.length % d != 0 || points.length / d != scores.length || scores.length <= k) {
            throw r.corrupt("inconsistent sizes (features " + d + ", k " + k + ", " + points.length + " values, "
                    + scores.length + " scores)");
        }
        NeighborIndex index = NeighborIndex.of(points, scores.length, d, metric);
        return new KnnModel(index, points, k, method, scores);
    }
}
