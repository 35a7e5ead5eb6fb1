package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small isolation-forest pipelines for the bundle tests: only the number of trees is set, the rest is the default config. */
final class SmallForests {
    private SmallForests() {
    }

    static Pipeline fit(int trees, Frame data) {
        SentinelConfig cfg = SentinelConfig.fromMap(new LinkedHashMap<>(), Map.of("n_estimators", trees), k -> null, "test");
        return new PipelineTrainer(cfg).fit(data, null).pipeline();
    }
}
