package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;
import java.util.Arrays;
import java.util.List;

/**
 * How a fitted {@code EcodModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class EcodCodec {
    static final String MAGIC = "ECOD";
    static final int VERSION = 1;

    private EcodCodec() {
    }

    static byte[] encode(FittedDetector model) {
        EcodModel m = (EcodModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(m.featureCount());
        for (int j = 0; j < m.featureCount(); j++) {
            w.writeInt(m.skewSign(j)).writeDoubles(m.sortedColumn(j));
        }
        return w.toByteArray();
    }

    static EcodModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        if (d < 0 || d > bytes.length) {
            throw r.corrupt("bad feature count " + d);
        }
        double[][] sorted = new double[d][];
        int[] skew = new int[d];
        int n = -1;
        for (int j = 0; j < d; j++) {
            skew[j] = r.readInt();
            sorted[j] = r.readDoubles();
            if (skew[j] < -1 || skew[j] > 1) {
                throw r.corrupt("feature " + j + " has skewness sign " + skew[j]);
            }
            if (n >= 0 && sorted[j].length != n || sorted[j].length == 0) {
                throw r.corrupt("feature " + j + " has " + sorted[j].length + " training values, expected " + n);
            }
            n = sorted[j].length;
            for (int i = 1; i < n; i++) {
                if (!(sorted[j][i - 1] <= sorted[j][i])) {
                    throw r.corrupt("feature " + j + " values are not sorted");
                }
            }
        }
        r.expectEnd();
        return new EcodModel(sorted, skew);
    }
}
