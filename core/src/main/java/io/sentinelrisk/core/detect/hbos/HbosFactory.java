package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * {@code hbos}: Histogram-based Outlier Score (Goldstein and Dengel, 2012) with PyOD's semantics.
 * Each feature gets an equal-width histogram; a row's score is {@code -Σ log2(density + alpha)}
 * over its features' bins.
 */
public final class HbosFactory implements DetectorFactory {
    public static final String TYPE = "hbos";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Histogram-based Outlier Score: per-feature equal-width histograms, score = -sum log2(density + alpha) (PyOD HBOS)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofNumberOr("n_bins", HbosParams.DEFAULT_N_BINS, "bins per feature (≥ 2), or auto: chosen per feature by the "
                        + "Birgé-Rozenholc penalised likelihood, as PyOD's n_bins='auto'", "auto"),
                ParamSpec.ofDouble("alpha", HbosParams.DEFAULT_ALPHA, "added to every bin density before the log, so that empty bins "
                        + "do not give infinite scores (> 0)"),
                ParamSpec.ofDouble("tol", HbosParams.DEFAULT_TOL, "a value outside the training range by at most tol × bin width "
                        + "is scored with the edge bin; beyond that with the emptiest bin (≥ 0)"));
    }

    @Override
    public HbosParams paramsOf(Params params) {
        int bins = HbosParams.N_BINS_AUTO;
        if (params.get("n_bins") instanceof Number n) {
            double v = n.doubleValue();
            if (v != Math.rint(v) || Math.abs(v) > HbosParams.MAX_BINS) {
                throw HbosParams.binsOutOfRange(ParamChecks.fmt(v));
            }
            bins = (int) v;
        }
        return new HbosParams(bins, params.getDouble("alpha"), params.getDouble("tol"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new HbosTrainer(paramsOf(params));
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return HbosCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return HbosCodec.decode(bytes, partName);
    }
}
