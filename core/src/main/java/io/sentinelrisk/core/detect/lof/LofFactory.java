package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;

import java.util.List;

/**
 * {@code lof}: Local Outlier Factor (Breunig et al., 2000) with scikit-learn's semantics in
 * novelty mode: the training rows are the reference set; the score is the LOF itself
 * ({@code -score_samples}), ≈ 1 for inliers, larger for outliers.
 */
public final class LofFactory implements DetectorFactory {
    public static final String TYPE = "lof";

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
                ParamSpec.ofInt("n_neighbors", LofParams.DEFAULT_N_NEIGHBORS, "k: neighbourhood size (≥ 1); as scikit-learn, at most the number "
                        + "of training rows - 1 is used"),
                ParamSpec.ofChoice("metric", LofParams.DEFAULT_METRIC.configName(), "distance between prepared rows", "euclidean", "manhattan"),
                ParamSpec.ofChoice("duplicates", LofParams.DEFAULT_DUPLICATES.configName(),
                        Duplicates.describe("densities count each distinct neighbour once while a row's own copies count "
                                + "in the mean of density ratios, drawing its score towards 1", "scikit-learn (a row with k or more copies has lrd 1e10)"),
                        "weighted", "distinct", "keep"));
    }

    @Override
    public LofParams paramsOf(Params params) {
        return new LofParams(params.getInt("n_neighbors"), Metric.byConfigName(params.getString("metric")),
                Duplicates.byConfigName(params.getString("duplicates")));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new LofTrainer(paramsOf(params));
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return LofCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return LofCodec.decode(bytes, partName);
    }
}
