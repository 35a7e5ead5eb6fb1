package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.List;

/**
 * {@code ecod}: Empirical-Cumulative-distribution-based Outlier Detection (Li et al., 2022) with
 * PyOD's semantics. Parameter-free.
 */
public final class EcodFactory implements DetectorFactory {
    public static final String TYPE = "ecod";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Empirical-CDF-based outlier detection: sum over features of the larger tail -log probability (PyOD ECOD); no parameters";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public EcodParams paramsOf(Params params) {
        return EcodParams.DEFAULTS;
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new EcodTrainer();
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return EcodCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return EcodCodec.decode(bytes, partName);
    }
}
