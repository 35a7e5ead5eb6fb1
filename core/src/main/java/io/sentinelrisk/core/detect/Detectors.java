package io.sentinelrisk.core.detect;

import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.List;

/** The detectors the product knows, by their config name. */
public final class Detectors {
    private static final List<DetectorFactory> ALL = List.of(
            // one line per detector, in the order the docs list them
            new io.sentinelrisk.core.detect.iforest.IsolationForestFactory(),
            new io.sentinelrisk.core.detect.hbos.HbosFactory(),
            new io.sentinelrisk.core.detect.ecod.EcodFactory(),
            new io.sentinelrisk.core.detect.knn.KnnFactory(),
            new io.sentinelrisk.core.detect.lof.LofFactory(),
            new io.sentinelrisk.core.detect.ocsvm.OcsvmFactory(),
            new io.sentinelrisk.core.detect.autoencoder.AutoencoderFactory(),
            new io.sentinelrisk.core.detect.randomforest.RandomForestFactory(),
            new io.sentinelrisk.core.detect.xgboost.XgboostFactory(),
            new io.sentinelrisk.core.detect.ensemble.EnsembleFactory()
    );

    private Detectors() {
    }

    public static List<DetectorFactory> all() {
        return ALL;
    }

    public static List<String> types() {
        List<String> out = new ArrayList<>();
        for (DetectorFactory f : ALL) {
            out.add(f.type());
        }
        return out;
    }

    /** The factory for {@code type}; an InputException naming the valid types otherwise. */
    public static DetectorFactory byType(String type) {
        for (DetectorFactory f : ALL) {
            if (f.type().equals(type)) {
                return f;
            }
        }
        throw new InputException("unknown detector type '" + type + "'; valid types: " + String.join(", ", types()));
    }
}
