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
 * {@code lof}: Local Outlier Factor (Breunig et al., 2000) with scikit-learn's semantics in
 * novelty mode: the training rows are the reference set; the score is the LOF itself
 * ({@code -score_samples}), ≈ 1 for inliers, larger for outliers.
 */
public final class LofFactory implements DetectorFactory {
    public static final String TYPE = "lof";
    private static final String MAGIC = "LOFD";
    private static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Local Outlier Factor: local density of a row's k nearest training rows over its own (scikit-learn LocalOutlierFactor, novelty); exact search (k-d tree up to 15 features, blocked scan above)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofInt("n_neighbors", 20, "k: neighbourhood size (≥ 1); as scikit-learn, at most the number "
                        + "of training rows - 1 is used"),
                ParamSpec.ofChoice("metric", "euclidean", "distance between prepared rows", "euclidean", "manhattan"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        int k = ParamChecks.of(params, TYPE).intAtLeast("n_neighbors", 1);
        Metric metric = Metric.byConfigName(params.getString("metric"));
        return (x, labels, threads) -> fit(x, k, metric, threads);
    }

    private static LofModel fit(Matrix x, int requestedK, Metric metric, int threads) {
        int n = x.rows();
        if (n < 2) {
            throw new InputException("lof: needs at least 2 training rows, found " + n);
        }
        int k = Math.max(1, Math.min(requestedK, n - 1));
        double[] points = x.data().clone();
        NeighborIndex index = NeighborIndex.of(points, n, x.cols(), metric);
        NeighborTable table = NeighborTable.ofReference(index, k, threads);
        double[] kDistance = new double[n];
        for (int i = 0; i < n; i++) {
            kDistance[i] = table.distances()[i * k + k - 1];
        }
        double[] lrd = new double[n];
        for (int i = 0; i < n; i++) {
            lrd[i] = LofModel.reachDensity(table.distances(), table.indices(), i * k, k, kDistance);
        }
        double[] trainingScores = new double[n];
        for (int i = 0; i < n; i++) {
            trainingScores[i] = LofModel.factor(table.indices(), i * k, k, lrd, lrd[i]);
        }
        return new LofModel(index, points, k, kDistance, lrd, trainingScores);
    }

    @Override
    public byte[] encode(FittedDetector model) {
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

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
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
