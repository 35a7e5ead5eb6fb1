package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * {@code kde}: Gaussian kernel density estimate over (a seeded sample of) the training rows,
 * score = −log density, as scikit-learn's {@code KernelDensity(kernel='gaussian')} and PyOD's
 * {@code KDE}; the bandwidth is chosen by held-out log-likelihood unless given.
 */
public final class KdeFactory implements DetectorFactory {
    public static final String TYPE = "kde";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Gaussian kernel density over a seeded sample of at most max_train training rows (scikit-learn KernelDensity, "
                + "PyOD KDE); score = -log density; bandwidth auto = held-out log-likelihood";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofNumberOr("bandwidth", "auto", "the Gaussian kernel's standard deviation h, the same for every "
                        + "prepared feature: a number > 0, or auto = the h of geomspace(0.02, 20, 31) with the highest "
                        + "log-likelihood of a seeded 20% of (at most 5,000) training rows held out", "auto"),
                ParamSpec.ofInt("max_train", KdeParams.DEFAULT_MAX_TRAIN, "the reference set is a seeded sample of at most "
                        + "this many training rows, without replacement (≥ 2; scoring time grows linearly with it)"));
    }

    @Override
    public KdeParams paramsOf(Params params) {
        Object b = params.get("bandwidth");
        double bandwidth = KdeParams.BANDWIDTH_AUTO;
        if (b instanceof Number n) {
            bandwidth = n.doubleValue();
            if (!(bandwidth > 0)) {
                throw ParamChecks.fail(TYPE, "bandwidth", "a number > 0 or auto", ParamChecks.fmt(bandwidth));
            }
        }
        return new KdeParams(bandwidth, params.getInt("max_train"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new KdeTrainer(paramsOf(params), seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return KdeCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return KdeCodec.decode(bytes, partName);
    }
}
