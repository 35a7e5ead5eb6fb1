package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;

import java.util.List;

/**
 * {@code knn}: the distance to the k-th nearest training row (Ramaswamy et al., 2000), or the
 * mean or median of the k distances (Angiulli and Pizzuti, 2002), with PyOD's semantics.
 */
public final class KnnFactory implements DetectorFactory {
    public static final String TYPE = "knn";

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
                ParamSpec.ofInt("n_neighbors", KnnParams.DEFAULT_N_NEIGHBORS, "k: how many nearest training rows to look at (≥ 1)"),
                ParamSpec.ofChoice("method", KnnParams.DEFAULT_METHOD.configName(), "largest: distance to the k-th neighbour; mean: mean of the k "
                        + "distances; median: their median", "largest", "mean", "median"),
                ParamSpec.ofChoice("metric", KnnParams.DEFAULT_METRIC.configName(), "distance between prepared rows", "euclidean", "manhattan"),
                ParamSpec.ofChoice("duplicates", KnnParams.DEFAULT_DUPLICATES.configName(), Duplicates.describe(
                        "every row inside it counts with its copies, its own included", "PyOD (a row with k or more copies scores 0)"),
                        "weighted", "distinct", "keep"));
    }

    @Override
    public KnnParams paramsOf(Params params) {
        return new KnnParams(params.getInt("n_neighbors"), KnnMethod.byConfigName(params.getString("method")),
                Metric.byConfigName(params.getString("metric")), Duplicates.byConfigName(params.getString("duplicates")));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new KnnTrainer(paramsOf(params));
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return KnnCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return KnnCodec.decode(bytes, partName);
    }
}
