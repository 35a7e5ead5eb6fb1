package io.sentinelrisk.core.detect.randomforest;

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
 * How a fitted {@code RandomForestModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class RandomForestCodec {
    static final String MAGIC = "RFST";
    static final int VERSION = 1;

    private RandomForestCodec() {
    }

    static byte[] encode(FittedDetector model) {
        RandomForestModel m = (RandomForestModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(m.featureCount()).writeDoubles(m.importanceArray()).writeInt(m.trees().size());
        for (Tree t : m.trees()) {
            w.writeInts(t.feature()).writeDoubles(t.threshold()).writeInts(t.left()).writeInts(t.right()).writeDoubles(t.value());
        }
        return w.toByteArray();
    }

    static RandomForestModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        double[] importance = r.readDoubles();
        int count = r.readInt();
        if (d < 1 || importance.length != d || count < 1 || count > bytes.length) {
            throw r.corrupt("bad header (features " + d + ", trees " + count + ")");
        }
        Tree[] trees = new Tree[count];
        for (int t = 0; t < count; t++) {
            trees[t] = new Tree(r.readInts(), r.readDoubles(), r.readInts(), r.readInts(), r.readDoubles());
            if (!trees[t].isWellFormed(d)) {
                throw r.corrupt("tree " + t + " is malformed");
            }
        }
        r.expectEnd();
        return new RandomForestModel(d, List.of(trees), importance);
    }
}
