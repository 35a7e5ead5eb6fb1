package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Turns an {@link IsolationForest} into a bundle part and back. The part is plain binary
 * ({@link BinaryWriter}), magic {@code SRIF}, version 1:
 * <pre>
 *   int feature_count, int samples_per_tree, int trees,
 *   int training_rows, int features_per_tree, int bootstrap (0|1), long random_state,
 *   int layout (1 = complete, 2 = linked)
 *   complete: int depth, int[] feature, double[] threshold, double[] leaf
 *   linked:   int[] root, int[] feature, int[] left, double[] value
 *   long crc32 of every byte before it
 * </pre>
 * Reading checks the checksum and every structural invariant the scorer relies on (feature
 * indices in range, links that point forward inside their tree, finite leaf values), so a damaged
 * part is an {@link io.sentinelrisk.core.error.InputException} naming the part, never a wrong score or an endless walk.
 */
final class IsolationForestCodec {
    static final String MAGIC = "SRIF";
    static final int VERSION = 1;
    private static final int COMPLETE = 1;
    private static final int LINKED = 2;

    private IsolationForestCodec() {
    }

    static byte[] encode(IsolationForest model) {
        IsolationForest.Provenance p = model.provenance();
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION)
                .writeInt(model.featureCount())
                .writeInt(model.samplesPerTree())
                .writeInt(model.trees())
                .writeInt(p.trainingRows())
                .writeInt(p.featuresPerTree())
                .writeInt(p.bootstrap() ? 1 : 0)
                .writeLong(p.randomState());
        switch (model.forest()) {
            case CompleteForest f -> w.writeInt(COMPLETE).writeInt(f.depth())
                    .writeInts(f.feature()).writeDoubles(f.threshold()).writeDoubles(f.leaf());
            case LinkedForest f -> w.writeInt(LINKED)
                    .writeInts(f.root()).writeInts(f.feature()).writeInts(f.left()).writeDoubles(f.value());
        }
        CRC32 crc = new CRC32();
        crc.update(w.toByteArray());
        return w.writeLong(crc.getValue()).toByteArray();
    }

    static IsolationForest decode(byte[] bytes, String partName) {
        BinaryReader in = new BinaryReader(bytes, partName, MAGIC, VERSION);
        checkCrc(bytes, in);
        int featureCount = in.readInt();
        int psi = in.readInt();
        int trees = in.readInt();
        int trainingRows = in.readInt();
        int featuresPerTree = in.readInt();
        int bootstrap = in.readInt();
        long randomState = in.readLong();
        require(in, featureCount >= 1, "feature count " + featureCount);
        require(in, psi >= 1, "samples per tree " + psi);
        require(in, trees >= 1, "tree count " + trees);
        require(in, trainingRows >= psi, "training rows " + trainingRows + " < samples per tree " + psi);
        require(in, featuresPerTree >= 1 && featuresPerTree <= featureCount, "features per tree " + featuresPerTree);
        require(in, bootstrap == 0 || bootstrap == 1, "bootstrap flag " + bootstrap);
        int depth = PathLength.maxDepth(psi);
        double maxLeaf = depth + PathLength.averagePathLength(psi);
        int layout = in.readInt();
        Forest forest = switch (layout) {
            case COMPLETE -> readComplete(in, featureCount, trees, depth, maxLeaf);
            case LINKED -> readLinked(in, featureCount, trees, maxLeaf);
            default -> throw in.corrupt("unknown tree layout " + layout);
        };
        in.readLong(); // the checksum, verified above
        in.expectEnd();
        return new IsolationForest(featureCount, psi, forest,
                new IsolationForest.Provenance(trainingRows, featuresPerTree, bootstrap == 1, randomState));
    }

    private static CompleteForest readComplete(BinaryReader in, int featureCount, int trees, int depth, double maxLeaf) {
        int storedDepth = in.readInt();
        require(in, storedDepth == depth && depth <= CompleteForest.MAX_DEPTH,
                "tree depth " + storedDepth + " (expected " + depth + ")");
        int[] feature = in.readInts();
        double[] threshold = in.readDoubles();
        double[] leaf = in.readDoubles();
        long splits = (1L << depth) - 1;
        require(in, feature.length == trees * splits && threshold.length == feature.length
                && leaf.length == trees * (splits + 1), "array lengths do not fit " + trees + " trees of depth " + depth);
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] < 0 || feature[i] >= featureCount || Double.isNaN(threshold[i])) {
                throw invalid(in, "split " + i + ": feature " + feature[i] + ", threshold " + threshold[i]);
            }
        }
        for (int i = 0; i < leaf.length; i++) {
            if (!(leaf[i] >= 0.0 && leaf[i] <= maxLeaf)) {
                throw invalid(in, "leaf " + i + ": path length " + leaf[i]);
            }
        }
        return new CompleteForest(trees, depth, feature, threshold, leaf);
    }

    private static LinkedForest readLinked(BinaryReader in, int featureCount, int trees, double maxLeaf) {
        int[] root = in.readInts();
        int[] feature = in.readInts();
        int[] left = in.readInts();
        double[] value = in.readDoubles();
        int nodes = feature.length;
        require(in, root.length == trees && left.length == nodes && value.length == nodes && nodes >= trees,
                "array lengths do not fit " + trees + " trees");
        for (int t = 0; t < trees; t++) {
            int start = root[t];
            int end = t + 1 < trees ? root[t + 1] : nodes;
            require(in, (t == 0 ? start == 0 : start > root[t - 1]) && end > start && end <= nodes,
                    "tree " + t + " root " + start);
            for (int n = start; n < end; n++) {
                // A split's children come after it and inside its tree: every walk ends at a leaf.
                boolean ok = feature[n] >= 0
                        ? feature[n] < featureCount && left[n] > n && left[n] < end - 1 && !Double.isNaN(value[n])
                        : feature[n] == -1 && left[n] == -1 && value[n] >= 0.0 && value[n] <= maxLeaf;
                if (!ok) {
                    throw invalid(in, "node " + n + ": feature " + feature[n] + ", link " + left[n] + ", value " + value[n]);
                }
            }
        }
        return new LinkedForest(root, feature, left, value);
    }

    private static void checkCrc(byte[] bytes, BinaryReader in) {
        if (bytes.length < 8 + Long.BYTES) {
            throw in.corrupt("truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        long stored = ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
        if (stored != crc.getValue()) {
            throw in.corrupt("checksum mismatch (damaged or truncated)");
        }
    }

    private static void require(BinaryReader in, boolean ok, String what) {
        if (!ok) {
            throw invalid(in, what);
        }
    }

    private static RuntimeException invalid(BinaryReader in, String what) {
        return in.corrupt("invalid isolation forest: " + what);
    }
}
