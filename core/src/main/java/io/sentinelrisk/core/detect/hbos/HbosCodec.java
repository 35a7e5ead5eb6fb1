package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;
import java.util.List;

/**
 * How a fitted {@code HbosModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class HbosCodec {
    static final String MAGIC = "HBOS";
    static final int VERSION = 1;

    private HbosCodec() {
    }

    static byte[] encode(FittedDetector model) {
        HbosModel m = (HbosModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(m.featureCount()).writeDouble(m.tol());
        for (int j = 0; j < m.featureCount(); j++) {
            w.writeDoubles(m.edges(j)).writeDoubles(m.logDensities(j));
        }
        return w.toByteArray();
    }

    static HbosModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        double tol = r.readDouble();
        if (d < 0 || d > bytes.length || !(tol >= 0)) {
            throw r.corrupt("bad header (features " + d + ", tol " + tol + ")");
        }
        double[][] edges = new double[d][];
        double[][] logs = new double[d][];
        for (int j = 0; j < d; j++) {
            edges[j] = r.readDoubles();
            logs[j] = r.readDoubles();
            if (logs[j].length < 1 || edges[j].length != logs[j].length + 1) {
                throw r.corrupt("feature " + j + " has " + edges[j].length + " edges for " + logs[j].length + " bins");
            }
            for (int k = 0; k < edges[j].length; k++) {
                if (!Double.isFinite(edges[j][k]) || (k > 0 && edges[j][k] < edges[j][k - 1])) {
                    throw r.corrupt("feature " + j + " has bin edges that are not finite and ascending");
                }
            }
        }
        r.expectEnd();
        return new HbosModel(edges, logs, tol);
    }
}
