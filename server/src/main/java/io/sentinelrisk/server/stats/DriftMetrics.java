package io.sentinelrisk.server.stats;

import io.sentinelrisk.core.drift.Verdict;
import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EventInputStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts each source's drift — the same computation as the Distributions page, over the latest
 * kept inputs of the source against its model's training profile — into the Prometheus metrics.
 * The server refreshes it on a timer, so a scrape never waits for it.
 */
public final class DriftMetrics {
    private DriftMetrics() {
    }

    public static void refresh(Database db, Function<String, ActiveModel> modelFor, ServerMetrics metrics) {
        for (FeatureDrift.SourceView v : Distributions.features(db, modelFor, null, EventInputStore.KEEP)) {
            Map<String, Double> psi = new LinkedHashMap<>();
            int significant = 0;
            for (FeatureDrift.ColumnView c : v.columns()) {
                psi.put(c.column(), c.psi());
                significant += Verdict.SIGNIFICANT.id().equals(c.verdict()) ? 1 : 0;
            }
            metrics.drift(v.source(), v.score().psi(), psi, significant);
        }
    }
}
