package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.Map;

/**
 * A detector with the parameters a contract test uses (small, so tests stay fast), and the
 * parameter values it must reject.
 */
public record DetectorCase(DetectorFactory factory, Map<String, Object> params, Map<String, Object> invalid) {

    public Params parsed() {
        return Params.parse(params, factory.params(), "detector (" + factory.type() + ")");
    }

    public FittedDetector fit(Matrix x, int[] labels, long seed, int threads) {
        return factory.trainer(parsed(), seed).fit(x, factory.supervised() ? labels : null, threads);
    }

    @Override
    public String toString() {
        return factory.type() + " " + params;
    }
}
