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
 * {@code knn}: the distance to the k-th nearest training row (Ramaswamy et al., 2000), or the
 * mean or median of the k distances (Angiulli and Pizzuti, 2002), with PyOD's semantics.
 */
public final class KnnFactory implements DetectorFactory {
    public static final String TYPE = "knn";
    private static final String MAGIC = "KNND";
    private static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "k-nearest-neighbour distance: distance to the k-th nearest training row, or the mean/median of the k (PyOD KNN); exact search (k-d tree up to 15 features, blocked scan above)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofInt("n_neighbors", 5, "k: how many nearest training rows to look at (≥ 1)"),
                ParamSpec.ofChoice("method", "largest", "largest: distance to the k-th neighbour; mean: mean of the k "
                        + "distances; median: their median", "largest", "mean", "median"),
                ParamSpec.ofChoice("metric", "euclidean", "distance between prepared rows", "euclidean", "manhattan"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        int k = ParamChecks.of(params, TYPE).intAtLeast("n_neighbors", 1);
        KnnMethod method = KnnMethod.byConfigName(params.getString("method"));
        Metric metric = Metric.byConfigName(params.getString("metric"));
        return (x, labels, threads) -> fit(x, k, method, metric, threads);
    }

    private static KnnModel fit(Matrix x, int k, KnnMethod method, Metric metric, int threads) {
        if (x.rows() <= k) {
            throw new InputException("knn: n_neighbors=" + k + " needs at least " + (k + 1) + " training rows, found " + x.rows());
        }
        double[] points = x.data().clone();
        NeighborIndex index = NeighborIndex.of(points, x.rows(), x.cols(), metric);
        NeighborTable table = NeighborTable.ofReference(index, k, threads);
        double[] trainingScores = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            trainingScores[i] = method.combine(table.distances(), i * k, k);
        }
        return new KnnModel(index, points, k, method, trainingScores);
    }

    @Override
    public byte[] encode(FittedDetector model) {
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

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
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
