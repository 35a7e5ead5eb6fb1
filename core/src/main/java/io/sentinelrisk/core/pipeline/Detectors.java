package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.autoencoder.AutoencoderFactory;
import io.sentinelrisk.core.detect.ecod.EcodFactory;
import io.sentinelrisk.core.detect.ensemble.AutoFactory;
import io.sentinelrisk.core.detect.ensemble.EnsembleFactory;
import io.sentinelrisk.core.detect.hbos.HbosFactory;
import io.sentinelrisk.core.detect.iforest.IsolationForestFactory;
import io.sentinelrisk.core.detect.kde.KdeFactory;
import io.sentinelrisk.core.detect.knn.KnnFactory;
import io.sentinelrisk.core.detect.lof.LofFactory;
import io.sentinelrisk.core.detect.ocsvm.OcsvmFactory;
import io.sentinelrisk.core.detect.randomforest.RandomForestFactory;
import io.sentinelrisk.core.detect.stream.StreamRcfFactory;
import io.sentinelrisk.core.detect.xgboost.XgboostFactory;

import java.util.List;

/**
 * The detectors the product knows, by their config name. The registry sits in {@code pipeline}
 * (above {@code detect} and {@code config}) so that no detector and no config class depends on
 * the list of all detectors; the ensemble gets this catalog handed in.
 */
public final class Detectors {
    private static final DetectorCatalog CATALOG = new Registry();

    private Detectors() {
    }

    /** The registry as a catalog, for code that takes one. */
    public static DetectorCatalog catalog() {
        return CATALOG;
    }

    public static List<DetectorFactory> all() {
        return CATALOG.all();
    }

    public static List<String> types() {
        return CATALOG.types();
    }

    /** The factory for {@code type}; an InputException naming the valid types otherwise. */
    public static DetectorFactory byType(String type) {
        return CATALOG.byType(type);
    }

    private static final class Registry implements DetectorCatalog {
        private final List<DetectorFactory> all = List.of(
                // one line per detector, in the order the docs list them
                new IsolationForestFactory(),
                new HbosFactory(),
                new EcodFactory(),
                new KnnFactory(),
                new LofFactory(),
                new OcsvmFactory(),
                new KdeFactory(),
                new AutoencoderFactory(),
                new RandomForestFactory(),
                new XgboostFactory(),
                new StreamRcfFactory(),
                new EnsembleFactory(this),
                new AutoFactory(this));

        @Override
        public List<DetectorFactory> all() {
            return all;
        }
    }
}
